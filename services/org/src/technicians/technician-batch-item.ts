import {
  BatchItemResult,
  RpcErrorEnvelope,
  CreateTechnicianBatchItem,
  TechnicianView,
} from '@app/contracts';
import type { KeyUse } from '../idempotency/idempotency.service';

export type Result = BatchItemResult<TechnicianView>;

/** An item a batch claims: its place in the batch, its key, its reserved account. */
export interface Claimed {
  index: number;
  item: CreateTechnicianBatchItem;
  /** A batch's items always carry a password. */
  use: KeyUse & { sealedPassword: string };
  accountId: string;
}

/** A refusal thrown by a check, as an item's result. */
export const refused = (error: { getError(): unknown }): Result => ({
  ok: false,
  error: error.getError() as RpcErrorEnvelope,
});
