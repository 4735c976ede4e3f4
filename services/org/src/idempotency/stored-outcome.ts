import { ErrorCodes, RpcErrorEnvelope } from '@app/contracts';
import { rpcError } from '@app/platform';
import type { StoredOutcome } from './idempotency-key.entity';

export function keyReused() {
  return rpcError(
    ErrorCodes.IDEMPOTENCY_KEY_REUSED,
    'this idempotency key was used for another request',
    {
      errors: [
        {
          field: 'idempotencyKey',
          code: ErrorCodes.IDEMPOTENCY_KEY_REUSED,
          message: 'was used for another request',
        },
      ],
    },
  );
}

/** As stored (jsonb): TypeORM's update types cannot express it, hence the casts where it is written. */
export function refusal(error: RpcErrorEnvelope): never {
  return storedRefusalOrReply({ ok: false, error }) as never;
}

/** A refusal is stored with its code, message and field errors only (not `retryable`, `details`). */
export function storedRefusalOrReply(outcome: StoredOutcome): StoredOutcome {
  if (outcome.ok) return outcome;
  const { code, message, errors } = outcome.error;
  return { ok: false, error: { code, message, errors } };
}
