import {
  BatchItemResult,
  RpcErrorEnvelope,
  TechnicianCreation,
  TechnicianView,
} from '@app/contracts';
import type { KeyUse } from '../idempotency/idempotency.service';

export type Result = BatchItemResult<TechnicianView>;

/** An item a batch claims: its place in the batch, its key, its reserved account. */
export interface Claimed {
  index: number;
  item: TechnicianCreation;
  use: KeyUse;
  accountId: string;
}

/** A refusal thrown by a check, as an item's result. */
export const refused = (error: { getError(): unknown }): Result => ({
  ok: false,
  error: error.getError() as RpcErrorEnvelope,
});
