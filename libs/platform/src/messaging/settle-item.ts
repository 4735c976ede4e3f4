import { RpcException } from '@nestjs/microservices';
import type { BatchItemResult, RpcErrorEnvelope } from '@app/contracts';

/**
 * One item of a batch command: its reply, or its business refusal (what a handler throws
 * with `rpcError`) as the item's result. Anything else (a database down) still fails the
 * whole batch, which is sent again.
 */
export async function settleItem<T>(work: () => T | Promise<T>): Promise<BatchItemResult<T>> {
  try {
    return { ok: true, reply: await work() };
  } catch (err) {
    if (err instanceof RpcException)
      return { ok: false, error: err.getError() as RpcErrorEnvelope };
    throw err;
  }
}
