import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import amqp, { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import {
  auditEventsQueueName,
  commandQueueArguments,
  deadLetterExchangeName,
  deadLetterQueueName,
} from '@app/contracts';
import {
  AMQP_SOCKET_OPTIONS,
  assertEventsExchange,
  brokerUser,
  deadLetter,
  deadLetterQueueOptions,
  describeConnectionError,
  watchBrokerConnection,
} from '@app/platform';
import { AuditServiceSettings } from '../config/env';
import { AuditRecorder } from '../chain/audit-recorder';
import { readIncomingEvent, UnreadableEvent } from './incoming-event';

/** SQLSTATE classes of an event the database will never take (bad data, a constraint): not worth a retry. */
const PERMANENT_SQLSTATE = /^(22|23|42)/;
const RETRY_MS = { first: 500, max: 10_000 };

/**
 * Consumes every event of every service from the durable quorum queue `<prefix>.audit.events`
 * (bound to `<prefix>.events` with `#`), a bounded number at once, and acknowledges each
 * after its entry is committed: events published while the service is down wait in the
 * queue. Only messages whose `user_id` is one of our services are events (anyone may put a
 * message on a queue by name through the default exchange); the rest are dropped. An event
 * that cannot be read goes to `<prefix>.audit.events.dead`. The events of one organization
 * are recorded one after the other, in the order they arrive.
 */
@Injectable()
export class AuditEventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditEventConsumer.name);
  private readonly internalUsers: Set<string>;
  private readonly queue: string;
  private connection?: AmqpConnectionManager;
  private channel?: ChannelWrapper;
  private readonly chains = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly settings: AuditServiceSettings,
    private readonly recorder: AuditRecorder,
  ) {
    this.queue = auditEventsQueueName(settings.QUEUE_PREFIX);
    const listed = settings.INTERNAL_BROKER_USERS?.split(',')
      .map((user) => user.trim())
      .filter(Boolean);
    this.internalUsers = new Set(listed?.length ? listed : [brokerUser(settings.RABBITMQ_URL)]);
  }

  onApplicationBootstrap(): void {
    const prefix = this.settings.QUEUE_PREFIX;
    const deadLetterQueue = deadLetterQueueName(this.queue);
    this.connection = watchBrokerConnection(
      amqp.connect([this.settings.RABBITMQ_URL], AMQP_SOCKET_OPTIONS),
      this.settings.RABBITMQ_URL,
    );
    this.channel = this.connection.createChannel({
      setup: async (channel: ConfirmChannel) => {
        const exchange = await assertEventsExchange(channel, prefix);
        await channel.assertExchange(deadLetterExchangeName(prefix), 'direct', { durable: true });
        await channel.assertQueue(deadLetterQueue, deadLetterQueueOptions());
        await channel.bindQueue(deadLetterQueue, deadLetterExchangeName(prefix), this.queue);
        await channel.assertQueue(this.queue, {
          durable: true,
          arguments: commandQueueArguments(prefix, this.queue),
        });
        await channel.bindQueue(this.queue, exchange, '#');
        await channel.prefetch(this.settings.AUDIT_EVENTS_PREFETCH);
        await channel.consume(this.queue, (message) => {
          if (message) this.receive(channel, message);
        });
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.chains.values()]);
    await this.channel?.close().catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
  }

  /** Queues the message behind the others of its organization. */
  private receive(channel: ConfirmChannel, message: ConsumeMessage): void {
    const key = String(message.properties.headers?.['cloudEvents:organizationid'] ?? '');
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.handle(channel, message))
      .catch((err: unknown) =>
        this.logger.error({ error: describeConnectionError(err) }, 'handling an event failed'),
      );
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async handle(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const sender = message.properties.userId as string | undefined;
    if (!sender || !this.internalUsers.has(sender)) {
      this.logger.warn(
        { sender: sender ?? null, queue: this.queue },
        'a message not from one of our services on the audit queue: dropped',
      );
      acknowledge(channel, message);
      return;
    }
    let event;
    try {
      event = readIncomingEvent(message.properties.headers, message.content);
    } catch (err) {
      return this.reject(channel, message, err);
    }
    for (let wait = RETRY_MS.first; ; wait = Math.min(wait * 2, RETRY_MS.max)) {
      try {
        const outcome = await this.recorder.record(event);
        acknowledge(channel, message);
        if (outcome === 'duplicate')
          this.logger.debug({ eventId: event.id }, 'an event already in the log: acknowledged');
        return;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (typeof code === 'string' && PERMANENT_SQLSTATE.test(code))
          return this.reject(channel, message, err);
        // The database is away: the message stays ours (unacknowledged) until it answers, or
        // goes back to the queue when this process stops.
        if (this.stopped) return;
        this.logger.warn(
          { eventId: event.id, error: describeConnectionError(err), retryInMs: wait },
          'could not record an event; trying again',
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.stopped) return;
      }
    }
  }

  private async reject(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    err: unknown,
  ): Promise<void> {
    this.logger.error(
      {
        reason: err instanceof UnreadableEvent ? err.message : describeConnectionError(err),
        messageId: (message.properties.messageId as string | undefined) ?? null,
      },
      'an event the audit log cannot take: to the dead-letter queue',
    );
    await deadLetter(
      channel,
      message,
      { exchange: deadLetterExchangeName(this.settings.QUEUE_PREFIX), queue: this.queue },
      'unreadable',
    ).catch((error: unknown) =>
      this.logger.error({ error: describeConnectionError(error) }, 'dead-lettering failed'),
    );
  }
}

/**
 * Acknowledges on the channel the message came on. If that channel is gone (the broker
 * restarted), the broker gives the message again on the new one, where it is found recorded.
 */
function acknowledge(channel: ConfirmChannel, message: ConsumeMessage): void {
  try {
    channel.ack(message);
  } catch {
    // The channel closed: redelivered, then acknowledged as a duplicate.
  }
}
