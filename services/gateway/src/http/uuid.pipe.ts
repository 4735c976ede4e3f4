import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ErrorCodes } from '@app/contracts';
import { ProblemException } from '../problem/problem.exception';

/** Path ids are UUIDs; anything else is 400 VALIDATION_FAILED naming the parameter. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new ProblemException(ErrorCodes.VALIDATION_FAILED, `${field} must be a UUID`, [
      { field, code: 'INVALID_UUID', message: `${field} must be a UUID` },
    ]);
  }
}
