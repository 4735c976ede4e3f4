import type { RpcErrorEnvelope } from '../errors';

/**
 * The most items one batch command carries. Bigger batches save little more (the per-row
 * cost left is the hash) and make one redelivery redo more.
 */
export const BATCH_MAX_ITEMS = 100;

/**
 * What became of one item of a batch command, at the item's index. An item refused
 * (EMAIL_TAKEN, PASSWORD_POLICY, ...) never fails its neighbours; a failure of the whole
 * batch (the actor, an invalid message, a service unreachable) is the command's error
 * instead, and the batch may be sent again: every item is idempotent on its own.
 */
export type BatchItemResult<T> = { ok: true; reply: T } | { ok: false; error: RpcErrorEnvelope };
