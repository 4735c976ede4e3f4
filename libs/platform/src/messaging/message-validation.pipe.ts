import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ErrorCodes } from '@app/contracts';
import { STRICT_VALIDATION, toFieldErrors } from '../validation/field-errors';
import { rpcError } from './rpc-error.filter';

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object];

/**
 * Validates every message payload where it is consumed, as strictly as an HTTP body:
 * unknown fields are refused. A failure is MESSAGE_INVALID, which the transport
 * dead-letters (and answers, when the message expects a reply). The answer names the
 * fields, not the class: it may travel on to an HTTP client (the transport's log names
 * the pattern).
 */
@Injectable()
export class MessageValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (metadata.type !== 'body' || !metatype || PRIMITIVES.includes(metatype)) return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw rpcError(ErrorCodes.MESSAGE_INVALID, 'the message payload must be an object');
    }
    const instance = plainToInstance(metatype, value) as object;
    const errors = await validate(instance, STRICT_VALIDATION);
    if (errors.length > 0) {
      throw rpcError(ErrorCodes.MESSAGE_INVALID, 'the message payload is invalid', {
        errors: toFieldErrors(errors),
      });
    }
    return instance;
  }
}
