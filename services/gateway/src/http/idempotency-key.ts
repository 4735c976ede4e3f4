import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { CLIENT_IDEMPOTENCY_KEY_PATTERN, ErrorCodes } from '@app/contracts';
import { ProblemException } from '../problem/problem.exception';

/**
 * The client's Idempotency-Key header as sent (1-200 of A-Z a-z 0-9 : . _ -), undefined
 * when there is none; anything else is refused here, at the edge, naming the header.
 */
export function clientIdempotencyKey(request: Request): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !CLIENT_IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new ProblemException(ErrorCodes.VALIDATION_FAILED, 'invalid Idempotency-Key header', [
      {
        field: 'Idempotency-Key',
        code: 'INVALID',
        message: 'must be 1-200 characters of A-Z a-z 0-9 : . _ -',
      },
    ]);
  }
  return header;
}

/**
 * The key of a create command: the client's Idempotency-Key behind `client:` (so that it
 * never meets a key the system makes), or a fresh key when the client sent none (then a
 * retry of the request is a new request).
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const key = clientIdempotencyKey(context.switchToHttp().getRequest<Request>());
    return key === undefined ? `auto:${randomUUID()}` : `client:${key}`;
  },
);
