import { ErrorCodes } from '@app/contracts';
import { rpcError } from '../messaging/rpc-error.filter';

/** What a service keeps of the first request under a key. */
export interface KeptKey {
  /** `requestFingerprint` of the first request's meaning. */
  fingerprint: string;
  keptAt: Date;
}

export interface RepeatRules {
  /** The fingerprints that make a request the same as the first (its own, and any legacy form). */
  fingerprints: readonly string[];
  /** The field a refusal names: the header or the message field that carried the key. */
  field: string;
  /**
   * IDEMPOTENCY_KEY_RETENTION_SECONDS, for a service whose keys are freed on reading; leave it
   * out where expiry deletes them (a kept key then answers until it is deleted).
   */
  retentionSeconds?: number;
  /** What a reused key's refusal says (its `message`). */
  reusedMessage?: string;
}

/**
 * What a request under an idempotency key is, given what is kept of the key's first request
 * (the one rule of org and import): `new` when nothing is kept, `expired` when what is kept
 * is past its retention (the key is free again, for the caller to release), `same` when the
 * fingerprints match (answer the first outcome). Another request under the key is refused
 * with IDEMPOTENCY_KEY_REUSED, naming `field`.
 */
export function repeatOf(
  kept: KeptKey | null | undefined,
  rules: RepeatRules,
  now: Date = new Date(),
): 'new' | 'expired' | 'same' {
  if (!kept) return 'new';
  if (
    rules.retentionSeconds !== undefined &&
    now.getTime() - kept.keptAt.getTime() > rules.retentionSeconds * 1000
  )
    return 'expired';
  if (!rules.fingerprints.includes(kept.fingerprint))
    throw idempotencyKeyReused(rules.field, rules.reusedMessage);
  return 'same';
}

/** IDEMPOTENCY_KEY_REUSED: the key was used for another request. */
export function idempotencyKeyReused(
  field: string,
  message = 'this idempotency key was used for another request',
) {
  return rpcError(ErrorCodes.IDEMPOTENCY_KEY_REUSED, message, {
    errors: [
      {
        field,
        code: ErrorCodes.IDEMPOTENCY_KEY_REUSED,
        message: 'was used for another request',
      },
    ],
  });
}
