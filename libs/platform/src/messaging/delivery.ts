import type { Channel, ConsumeMessage } from 'amqplib';
import { ErrorCodes, RpcErrorEnvelope, ServiceName } from '@app/contracts';
import { recordWire, withoutCredential } from './wire-record';

/*
 * One delivery of a command queue, as ReliableRmqServer reads, answers, retries and hands
 * it back.
 */

/** The envelope of @nestjs/microservices. */
export interface Packet {
  pattern: string;
  data: unknown;
  id?: string;
}

/** What its handler made of a delivery. */
export type Outcome =
  { kind: 'done'; response: unknown } | { kind: 'failed'; error: RpcErrorEnvelope };

/** The reply of @nestjs/microservices: `id` is absent when the request could not be read. */
export interface ReplyBody {
  id?: string;
  response?: unknown;
  err?: RpcErrorEnvelope;
  isDisposed: true;
}

const JSON_CONTENT_TYPE = 'application/json';

/** Answers the delivery on its `reply_to` queue, when it asked for an answer. */
export function replier(
  channel: Channel,
  message: ConsumeMessage,
  packet: Packet | undefined,
): (body: ReplyBody) => void {
  const { replyTo, correlationId } = message.properties as {
    replyTo?: string;
    correlationId?: string;
  };
  return (body) => {
    if (!replyTo || !correlationId) return;
    channel.sendToQueue(replyTo, Buffer.from(JSON.stringify(body)), {
      correlationId,
      contentType: JSON_CONTENT_TYPE,
    });
    recordWire(
      { kind: 'reply', pattern: packet?.pattern, body, contentType: JSON_CONTENT_TYPE },
      body.err?.code,
    );
  };
}

/**
 * A message this process will not handle because it is shutting down goes back to the
 * queue with basic.nack: not a failure of the message, so RabbitMQ 4.3 and later do not
 * count it towards the delivery limit (earlier versions do; the limit is wide enough).
 */
export function handBack(channel: Channel, message: ConsumeMessage): void {
  channel.nack(message, false, true);
}

/** A request whose payload the service accepted, as it came (see wire-record.ts). */
export function recordRequest(packet: Packet, message: ConsumeMessage, external: boolean): void {
  recordWire(
    {
      kind: 'request',
      pattern: packet.pattern,
      external,
      body: packet,
      headers: withoutCredential(message.properties.headers),
      contentType: message.properties.contentType as string | undefined,
    },
    external ? 'external' : 'internal',
  );
}

export function envelope(code: RpcErrorEnvelope['code'], message: string): RpcErrorEnvelope {
  return { code, message };
}

/** Deliveries so far, this one included. Quorum queues count them in `x-delivery-count`. */
export function deliveryCount(message: ConsumeMessage): number {
  const header = (message.properties.headers ?? {})['x-delivery-count'] as unknown;
  return (typeof header === 'number' ? header : 0) + 1;
}

export function parsePacket(content: Buffer): Packet | undefined {
  let value: unknown;
  try {
    value = JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { pattern, data, id } = value as Record<string, unknown>;
  if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > 200) return undefined;
  if (id !== undefined && typeof id !== 'string') return undefined;
  return { pattern, data, id };
}

/** The answer to a message whose handling never finished, or failed every time. */
export function couldNotHandle(service: ServiceName, id: string | undefined): ReplyBody {
  return {
    id,
    err: envelope(ErrorCodes.SERVICE_UNAVAILABLE, `${service} could not handle the message`),
    isDisposed: true,
  };
}

/**
 * Returns a message whose handler failed for a passing reason to its queue, after a wait that
 * grows with its deliveries, so that a database outage is not a hot loop. basic.reject: every
 * RabbitMQ version counts it in x-delivery-count (from 4.3, basic.nack is not counted, and the
 * delivery limit would never fire).
 */
export async function retryLater(
  channel: Channel,
  message: ConsumeMessage,
  firstDelayMs: number,
): Promise<void> {
  const delay = Math.min(firstDelayMs * 2 ** (deliveryCount(message) - 1), 5000);
  await new Promise((resolve) => setTimeout(resolve, delay));
  channel.reject(message, true);
}
