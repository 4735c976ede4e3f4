import type { RpcErrorEnvelope } from '@app/contracts';
import { idempotencyKeyReused } from '@app/platform';
import type { StoredOutcome } from './idempotency-key.entity';

/** IDEMPOTENCY_KEY_REUSED, naming the command's field. */
export function keyReused() {
  return idempotencyKeyReused('idempotencyKey');
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
