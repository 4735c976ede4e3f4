import { ServerRMQ, RmqContext } from '@nestjs/microservices';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import {
  commandQueueName,
  deadLetterExchangeName,
  ErrorCodes,
  isRpcErrorEnvelope,
  LANES,
} from '@app/contracts';
import { runInLane } from './lane';
import { runAsSender } from './sender';
import type { ServicePrincipalDirectory } from '../auth/service-assertion';
import { Admission, PrincipalGate } from './principal-gate';
import type { ReliableRmqServerOptions } from './reliable-rmq.options';
import {
  assertCommandQueue,
  assertEventsExchange,
  MESSAGE_DELIVERY_LIMIT,
  AMQP_SOCKET_OPTIONS,
} from './topology';
import { watchBrokerConnection } from './broker-connection';
import { deadLetter, DeadLetterReason } from './dead-letter';
import { droppedUnwaited } from './reply-deadline';
import {
  couldNotHandle,
  deliveryCount,
  envelope,
  handBack,
  Outcome,
  Packet,
  parsePacket,
  recordRequest,
  replier,
  retryLater,
} from './delivery';

export type { ReliableRmqServerOptions } from './reliable-rmq.options';

/**
 * The RabbitMQ transport of @nestjs/microservices, made safe to lose a process:
 * - manual acknowledgement, after the handler (and so its database commit) finished;
 * - a bounded prefetch, which is also the number of handlers running at once;
 * - a request its caller stopped waiting for is dropped unhandled (reply-deadline.ts);
 * - a message that is not a valid packet, names no known pattern or fails payload validation
 *   is dead-lettered at once, without its credentials (deadLetter); its caller gets the error;
 * - a handler that fails for a transient reason (`retryable` in its error) is retried after
 *   a growing delay, and dead-lettered after MESSAGE_DELIVERY_LIMIT deliveries;
 * - a business error (`retryable` false) is a result: acknowledged and answered;
 * - close() stops taking messages and waits for those in flight; amqp-connection-manager
 *   reconnects, and the channel set-up below runs again.
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
    const toDeadLetters = (reason: DeadLetterReason) =>
      deadLetter(
        channel,
        message,
        { exchange: deadLetterExchangeName(this.reliable.prefix), queue },
        reason,
      );
    const packet = parsePacket(message.content);
    const reply = replier(channel, message, packet);

    if (this.draining) {
      handBack(channel, message);
      return;
    }
    if (droppedUnwaited(channel, message)) return;
    // Delivered once more than the limit: its earlier deliveries ended without an outcome (the
    // process died while handling it). Not tried again; RabbitMQ would otherwise dead-letter
    // it itself, credentials included.
    if (deliveryCount(message) > MESSAGE_DELIVERY_LIMIT) {
      this.logger.error(
        { pattern: packet?.pattern, deliveries: deliveryCount(message) },
        'dead-lettering a message whose handling never finished',
      );
      reply(couldNotHandle(this.reliable.service, packet?.id));
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
        reply(couldNotHandle(this.reliable.service, packet.id));
        await toDeadLetters('repeated-failures');
      } else {
        handBack(channel, message);
      }
      return;
    }
    await retryLater(channel, message, this.reliable.retryDelayMs ?? 250);
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
