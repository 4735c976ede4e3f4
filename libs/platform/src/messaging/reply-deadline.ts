import type { Channel, ConsumeMessage } from 'amqplib';

/**
 * When the caller of a request stops waiting for its reply (epoch milliseconds), stated by
 * RpcClient.send. A request still queued after it is acknowledged without being handled:
 * its caller has answered SERVICE_UNAVAILABLE (outcome unknown) and tries again with the same
 * idempotency key. Handling it anyway is what kept a restarted identity busy for minutes with
 * batches nobody waited for, while every new request timed out behind them (the chaos suite).
 */
export const REPLY_BY_HEADER = 'x-reply-by';

/** Clocks of two machines differ a little: a request is dropped only this long after. */
const CLOCK_SKEW_MS = 1_000;

/** The headers of a request whose caller waits `timeoutMs` from now. */
export function replyByHeaders(timeoutMs: number): Record<string, string> {
  return { [REPLY_BY_HEADER]: String(Date.now() + timeoutMs) };
}

/** True for a request whose caller stopped waiting for its reply. */
export function callerGaveUp(message: ConsumeMessage, now = Date.now()): boolean {
  if (!message.properties.replyTo) return false;
  const replyBy = Number(message.properties.headers?.[REPLY_BY_HEADER]);
  return Number.isFinite(replyBy) && replyBy > 0 && now > replyBy + CLOCK_SKEW_MS;
}

/** Acknowledges, unhandled, a request whose caller stopped waiting for it; true if it did. */
export function droppedUnwaited(channel: Channel, message: ConsumeMessage): boolean {
  if (!callerGaveUp(message)) return false;
  channel.ack(message);
  return true;
}
