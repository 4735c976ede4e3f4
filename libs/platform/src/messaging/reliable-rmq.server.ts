import { ServerRMQ, RmqContext } from '@nestjs/microservices';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import {
  commandQueueName,
  deadLetterExchangeName,
  ErrorCodes,
  isRpcErrorEnvelope,
  Lane,
  LANES,
  RpcErrorEnvelope,
  ServiceName,
} from '@app/contracts';
import { runInLane } from './lane';
import { runAsSender } from './sender';
import type { ServicePrincipalDirectory } from '../auth/service-assertion';
import { Admission, PrincipalGate, PrincipalGateOptions } from './principal-gate';
import {
  assertCommandQueue,
  assertEventsExchange,
  MESSAGE_DELIVERY_LIMIT,
  AMQP_SOCKET_OPTIONS,
} from './topology';
import { watchBrokerConnection } from './broker-connection';
import { deadLetter, DeadLetterReason } from './dead-letter';
import { recordWire, withoutCredential } from './wire-record';

export interface ReliableRmqServerOptions {
  url: string;
  prefix: string;
  service: ServiceName;
  /** How many messages of each lane this process works on at once (RabbitMQ prefetch per consumer). */
  prefetch: Record<Lane, number>;
  /** First wait before a message whose handler failed transiently goes back to the queue. */
  retryDelayMs?: number;
  /** Who may send what: our own services, and other services with a principal's token. */
  principals: PrincipalGateOptions;
}

interface Packet {
  pattern: string;
  data: unknown;
  id?: string;
}

/** The reply of @nestjs/microservices: `id` is absent when the request could not be read. */
interface ReplyBody {
  id?: string;
  response?: unknown;
  err?: RpcErrorEnvelope;
  isDisposed: true;
}

type Outcome = { kind: 'done'; response: unknown } | { kind: 'failed'; error: RpcErrorEnvelope };

/**
 * The RabbitMQ transport of @nestjs/microservices, made safe to lose a process:
 * - manual acknowledgement, after the handler (and so its database commit) finished;
 * - a bounded prefetch, which is also the number of handlers running at once;
 * - a message that is not a valid packet, names no known pattern or fails payload
 *   validation goes to the dead-letter queue at once (and its caller gets the error), without
 *   its credentials (see deadLetter);
 * - a handler that fails for a transient reason (`retryable` in its error) is retried after
 *   a growing delay, and dead-lettered after MESSAGE_DELIVERY_LIMIT deliveries;
 * - a business error (`retryable` false) is a result: acknowledged and answered;
 * - close() stops taking messages and waits for those in flight before disconnecting.
 * Reconnection is amqp-connection-manager's: the channel set-up below runs again.
 */
export class ReliableRmqServer extends ServerRMQ {
  private readonly inFlight = new Set<Promise<void>>();
  private consumers: { channel: Channel; tag: string }[] = [];
  private draining = false;
  private started = false;
  private readonly gate: PrincipalGate;

  constructor(private readonly reliable: ReliableRmqServerOptions) {
    super({
      urls: [reliable.url],
      queue: commandQueueName(reliable.prefix, reliable.service),
      noAck: false,
      persistent: true,
      socketOptions: AMQP_SOCKET_OPTIONS,
    });
    this.gate = new PrincipalGate(reliable.principals);
  }

  /** The connection, watched: see watchBrokerConnection. */
  override createClient<T = unknown>(): T {
    const connection = super.createClient<AmqpConnectionManager>();
    return watchBrokerConnection(connection, this.reliable.url) as T;
  }

  override async setupChannel(channel: Channel, callback: () => void): Promise<void> {
    this.consumers = [];
    // Declared by every service before it answers anything, so that a subscriber can bind
    // to it once /health says 200, not only after the first event was published.
    await assertEventsExchange(channel, this.reliable.prefix);
    for (const lane of LANES) {
      const queue = await assertCommandQueue(
        channel,
        this.reliable.prefix,
        this.reliable.service,
        lane,
      );
      if (this.draining) continue;
      // With global=false, a prefetch applies to each consumer started after it.
      await channel.prefetch(this.reliable.prefetch[lane], false);
      const { consumerTag } = await channel.consume(
        queue,
        (message) => {
          if (message) {
            this.track(runInLane(lane, () => this.handleDelivery(message, channel, queue)));
          }
        },
        { noAck: false },
      );
      this.consumers.push({ channel, tag: consumerTag });
      this.logger.log(`consuming ${queue} (prefetch ${this.reliable.prefetch[lane]})`);
    }
    if (!this.started) {
      this.started = true;
      callback();
    }
  }

  /** Not used: deliveries go through handleDelivery. Kept so the base class cannot bypass it. */
  override async handleMessage(message: ConsumeMessage, channel: Channel): Promise<void> {
    if (message) await this.handleDelivery(message, channel, message.fields.routingKey);
  }

  override async close(): Promise<void> {
    this.draining = true;
    await Promise.all(
      this.consumers.map(({ channel, tag }) => channel.cancel(tag).catch(() => undefined)),
    );
    this.consumers = [];
    await Promise.allSettled([...this.inFlight]);
    await this.reliable.principals.limits?.close();
    await super.close();
  }

  /** Where service principals are kept, for the services that hear them (org). */
  useServicePrincipals(directory: ServicePrincipalDirectory): void {
    this.gate.useServicePrincipals(directory);
  }

  /** Messages being handled right now (for tests and shutdown logs). */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work
      .catch((err: unknown) => {
        this.logger.error({ err }, 'message handling crashed');
      })
      .finally(() => this.inFlight.delete(work));
  }

  private async handleDelivery(
    message: ConsumeMessage,
    channel: Channel,
    queue: string,
  ): Promise<void> {
    const { replyTo, correlationId } = message.properties as {
      replyTo?: string;
      correlationId?: string;
    };
    const toDeadLetters = (reason: DeadLetterReason) =>
      deadLetter(
        channel,
        message,
        { exchange: deadLetterExchangeName(this.reliable.prefix), queue },
        reason,
      );
    const packet = parsePacket(message.content);
    const reply = (body: ReplyBody): void => {
      if (replyTo && correlationId) {
        channel.sendToQueue(replyTo, Buffer.from(JSON.stringify(body)), {
          correlationId,
          contentType: JSON_CONTENT_TYPE,
        });
        recordWire(
          { kind: 'reply', pattern: packet?.pattern, body, contentType: JSON_CONTENT_TYPE },
          body.err?.code,
        );
      }
    };

    if (this.draining) {
      handBack(channel, message);
      return;
    }

    // Delivered once more than the limit: its earlier deliveries ended without an outcome (the
    // process died while handling it). Not tried again; RabbitMQ would otherwise dead-letter
    // it itself, credentials included.
    if (deliveryCount(message) > MESSAGE_DELIVERY_LIMIT) {
      this.logger.error(
        { pattern: packet?.pattern, deliveries: deliveryCount(message) },
        'dead-lettering a message whose handling never finished',
      );
      reply({
        id: packet?.id,
        err: envelope(
          ErrorCodes.SERVICE_UNAVAILABLE,
          `${this.reliable.service} could not handle the message`,
        ),
        isDisposed: true,
      });
      await toDeadLetters('delivery-limit');
      return;
    }
    if (!packet) {
      this.logger.warn(
        { queue: message.fields.routingKey },
        'dead-lettering an unreadable message',
      );
      reply({
        err: envelope(ErrorCodes.MESSAGE_INVALID, 'message is not a valid packet'),
        isDisposed: true,
      });
      await toDeadLetters('unreadable');
      return;
    }
    const handler = this.getHandlerByPattern(packet.pattern);
    if (!handler) {
      this.logger.warn({ pattern: packet.pattern }, 'dead-lettering a message with no handler');
      reply({
        id: packet.id,
        err: envelope(ErrorCodes.UNKNOWN_MESSAGE, `no handler for ${packet.pattern}`),
        isDisposed: true,
      });
      await toDeadLetters('unknown-pattern');
      return;
    }

    let admission: Admission;
    try {
      admission = await this.gate.admit(packet.pattern, packet.data, message.properties, {
        content: message.content,
        redelivered: message.fields.redelivered,
      });
    } catch (err) {
      // Who sent it could not be checked (org's database, for a service principal): like any
      // transient failure, the message goes back and counts towards the delivery limit.
      this.logger.warn({ err, pattern: packet.pattern }, 'could not check who sent a message');
      await new Promise((resolve) => setTimeout(resolve, this.reliable.retryDelayMs ?? 250));
      channel.reject(message, true);
      return;
    }
    if (!admission.ok) {
      // An answer, not a failure of the message: acknowledged, never retried.
      this.logger.warn(
        {
          pattern: packet.pattern,
          sender: message.properties.userId as string | undefined,
          code: admission.error.code,
        },
        'refused a message of another service',
      );
      reply({ id: packet.id, err: admission.error, isDisposed: true });
      channel.ack(message);
      return;
    }

    const admitted = { ...packet, data: admission.data };
    const outcome = admission.sender
      ? await runAsSender(admission.sender, () => this.run(handler, admitted, message, channel))
      : await this.run(handler, admitted, message, channel);
    if (outcome.kind === 'done' || outcome.error.code !== ErrorCodes.MESSAGE_INVALID) {
      recordRequest(packet, message, !admission.sender?.internal);
    }
    if (outcome.kind === 'done') {
      reply({ id: packet.id, response: outcome.response ?? null, isDisposed: true });
      channel.ack(message);
      return;
    }

    const { error } = outcome;
    if (error.code === ErrorCodes.MESSAGE_INVALID) {
      this.logger.warn(
        { pattern: packet.pattern, errors: error.errors },
        'dead-lettering an invalid payload',
      );
      reply({ id: packet.id, err: error, isDisposed: true });
      await toDeadLetters('invalid-payload');
      return;
    }
    if (!error.retryable) {
      reply({ id: packet.id, err: error, isDisposed: true });
      channel.ack(message);
      return;
    }

    const deliveries = deliveryCount(message);
    if (deliveries >= MESSAGE_DELIVERY_LIMIT || this.draining) {
      if (!this.draining) {
        this.logger.error(
          { pattern: packet.pattern, deliveries },
          'dead-lettering after repeated failures',
        );
        reply({
          id: packet.id,
          err: envelope(
            ErrorCodes.SERVICE_UNAVAILABLE,
            `${this.reliable.service} could not handle the message`,
          ),
          isDisposed: true,
        });
        await toDeadLetters('repeated-failures');
      } else {
        handBack(channel, message);
      }
      return;
    }
    // Back off before the message comes back, so a database outage is not a hot loop.
    const delay = Math.min((this.reliable.retryDelayMs ?? 250) * 2 ** (deliveries - 1), 5000);
    await new Promise((resolve) => setTimeout(resolve, delay));
    // basic.reject: every RabbitMQ version counts it in x-delivery-count (from 4.3,
    // basic.nack is not counted, and the delivery limit would never fire).
    channel.reject(message, true);
  }

  private async run(
    handler: NonNullable<ReturnType<ServerRMQ['getHandlerByPattern']>>,
    packet: Packet,
    message: ConsumeMessage,
    channel: Channel,
  ): Promise<Outcome> {
    try {
      const context = new RmqContext([message, channel, packet.pattern]);
      const result$ = this.transformToObservable(await handler(packet.data, context));
      const response: unknown = await lastValueFrom(result$, { defaultValue: undefined });
      return { kind: 'done', response };
    } catch (err) {
      if (isRpcErrorEnvelope(err)) return { kind: 'failed', error: err };
      this.logger.error(
        { err, pattern: packet.pattern },
        'handler failed outside the exception filter',
      );
      return {
        kind: 'failed',
        error: { ...envelope(ErrorCodes.INTERNAL_ERROR, 'internal error'), retryable: true },
      };
    }
  }
}

/**
 * A message this process will not handle because it is shutting down goes back to the
 * queue with basic.nack: not a failure of the message, so RabbitMQ 4.3 and later do not
 * count it towards the delivery limit (earlier versions do; the limit is wide enough).
 */
function handBack(channel: Channel, message: ConsumeMessage): void {
  channel.nack(message, false, true);
}

const JSON_CONTENT_TYPE = 'application/json';

/** A request whose payload the service accepted, as it came (see wire-record.ts). */
function recordRequest(packet: Packet, message: ConsumeMessage, external: boolean): void {
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

function envelope(code: RpcErrorEnvelope['code'], message: string): RpcErrorEnvelope {
  return { code, message };
}

/** Deliveries so far, this one included. Quorum queues count them in `x-delivery-count`. */
function deliveryCount(message: ConsumeMessage): number {
  const header = (message.properties.headers ?? {})['x-delivery-count'] as unknown;
  return (typeof header === 'number' ? header : 0) + 1;
}

function parsePacket(content: Buffer): Packet | undefined {
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
