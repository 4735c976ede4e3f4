import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { CLIENT_IDEMPOTENCY_KEY_MAX_LENGTH, CLIENT_IDEMPOTENCY_KEY_PATTERN } from '@app/contracts';
import { ApiProblems } from './api-problems.decorator';

/**
 * Documents the Idempotency-Key header of a create, and why a client should send one: an
 * answer lost to a failure (a 503, a timeout, a dropped connection) does not say whether the
 * create happened, because the command may still be applied when it is redelivered.
 */
export function ApiIdempotencyKey(what: string): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: {
        type: 'string',
        pattern: CLIENT_IDEMPOTENCY_KEY_PATTERN.source,
        maxLength: CLIENT_IDEMPOTENCY_KEY_MAX_LENGTH,
      },
      description:
        `Makes the request safe to retry: a repeat with the same key answers the first outcome ` +
        `(for a day), and never creates a second ${what}, even after what it named was moved ` +
        `or deleted since. A repeat is the same account sending the same body, defaults ` +
        `applied (a field left out and the same field sent with its default are the same), ` +
        `with the same password; another body, another password or another account under the ` +
        `key answers 422 IDEMPOTENCY_KEY_REUSED. After a 503 or a lost answer the ${what} may ` +
        `still be created (the command is delivered at least once): retry with the same key ` +
        `to learn the outcome.`,
    }),
    ApiProblems(503),
  );
}
