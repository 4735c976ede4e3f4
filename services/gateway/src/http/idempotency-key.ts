import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { ErrorCodes, IDEMPOTENCY_KEY_PATTERN } from '@app/contracts';
import { ProblemException } from '../problem/problem.exception';

/**
 * The request's Idempotency-Key header (1-200 of A-Z a-z 0-9 : . _ -), or a fresh key when
 * the client sent none (then a retry of the request is a new request).
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const header = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
    if (header === undefined) return `auto:${randomUUID()}`;
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
      throw new ProblemException(ErrorCodes.VALIDATION_FAILED, 'invalid Idempotency-Key header', [
        {
          field: 'Idempotency-Key',
          code: 'INVALID',
          message: 'must be 1-200 characters of A-Z a-z 0-9 : . _ -',
        },
      ]);
    }
    return `client:${header}`;
  },
);
