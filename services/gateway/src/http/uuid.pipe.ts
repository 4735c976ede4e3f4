import { Injectable, PipeTransform, ArgumentMetadata, Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { ErrorCodes } from '@app/contracts';
import { UUID_LENGTH } from '../openapi/api-fields';
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

/** A path parameter that must be a UUID (UuidPipe), documented as one in the OpenAPI document. */
export function UuidParam(name: string): ParameterDecorator {
  return (target, key, index) => {
    Param(name, UuidPipe)(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) {
      ApiParam({
        name,
        schema: { type: 'string', format: 'uuid', minLength: UUID_LENGTH, maxLength: UUID_LENGTH },
      })(target, key!, descriptor);
    }
  };
}
