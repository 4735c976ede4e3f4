import { IsUUID, Matches } from 'class-validator';
import type { RpcErrorEnvelope } from '../errors';
import { IDEMPOTENCY_KEY_PATTERN } from '../technicians/technician';

/**
 * Command `org.idempotency-key.settle.v1`: the sender of a create is giving up on it (an
 * import row after its last attempt) and must learn its true outcome rather than guess.
 * Org answers the outcome of the command that used the key; if none ever started, it
 * records a refusal (COMMAND_ABANDONED) as the key's outcome first, so that the command,
 * should it still arrive from a queue, is refused and never applied late. A command still
 * running answers `in-progress`: ask again. Idempotent. Reply: SettleIdempotencyKeyReply.
 */
export class SettleIdempotencyKeyCommand {
  @IsUUID()
  organizationId!: string;

  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey!: string;
}

export type SettleIdempotencyKeyReply =
  | {
      state: 'done';
      /** The reply of the command (a TechnicianView for a technician create), or its refusal. */
      outcome: { ok: true; reply: unknown } | { ok: false; error: RpcErrorEnvelope };
    }
  | { state: 'in-progress' };
