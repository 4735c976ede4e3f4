import { RpcException } from '@nestjs/microservices';
import type { BatchItemResult, RpcErrorEnvelope } from '@app/contracts';
import { RpcCallError } from './rpc-call.error';

/**
 * One item of a batch command: its reply, or its business refusal as the item's result,
 * whether the handler threw it (`rpcError`) or passed on another service's (a RpcCallError
 * with a known outcome: identity refusing a password, as when a concurrent delivery of the
 * same batch takes an item over). Anything else (a database down, an answer that never
 * came) still fails the whole batch, which is sent again.
 */
export async function settleItem<T>(work: () => T | Promise<T>): Promise<BatchItemResult<T>> {
  try {
    return { ok: true, reply: await work() };
  } catch (err) {
    if (err instanceof RpcException)
      return { ok: false, error: err.getError() as RpcErrorEnvelope };
    if (err instanceof RpcCallError && !err.outcomeUnknown)
      return { ok: false, error: { ...err.envelope } };
    throw err;
  }
}
