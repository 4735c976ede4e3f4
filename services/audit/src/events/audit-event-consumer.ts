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
import { AuditRecorder, ChainEvent } from '../chain/audit-recorder';
import { CumulativeAcks } from './cumulative-acks';
import { readIncomingEvent, UnreadableEvent } from './incoming-event';

/** SQLSTATE classes of an event the database will never take (bad data, a constraint): not worth a retry. */
const PERMANENT_SQLSTATE = /^(22|23|42)/;
const RETRY_MS = { first: 500, max: 10_000 };

/** A message as it was delivered, with the channel to acknowledge it on. */
interface Delivery {
  channel: ConfirmChannel;
  message: ConsumeMessage;
}

/**
 * Consumes every event of every service from the durable quorum queue `<prefix>.audit.events`
 * (bound to `<prefix>.events` with `#`), a bounded number at once, and acknowledges each
 * after its entry is committed: events published while the service is down wait in the
 * queue. Only messages whose `user_id` is one of our services are events (anyone may put a
 * message on a queue by name through the default exchange); the rest are dropped. An event
 * that cannot be read goes to `<prefix>.audit.events.dead`. The events of one organization
 * are recorded one batch after the other, in the order they arrive: what arrives within
 * `AUDIT_EVENTS_LINGER_MS`, or while a batch is being written, is written together in the
 * next, and acknowledged with it (cumulatively: docs/AUDIT.md).
 */
@Injectable()
export class AuditEventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditEventConsumer.name);
  private readonly internalUsers: Set<string>;
  private readonly queue: string;
  private connection?: AmqpConnectionManager;
  private channel?: ChannelWrapper;
  /** Per organization: the deliveries waiting for the batch being written. */
  private readonly waiting = new Map<string, Delivery[]>();
  /** Per organization: the batches being written, until none is left waiting. */
  private readonly writers = new Map<string, Promise<void>>();
  private readonly acks = new WeakMap<ConfirmChannel, CumulativeAcks>();
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
        const acks = new CumulativeAcks();
        this.acks.set(channel, acks);
        await channel.consume(this.queue, (message) => {
          if (!message) return;
          acks.delivered(message.fields.deliveryTag);
          this.receive({ channel, message });
        });
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.writers.values()]);
    await this.channel?.close().catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
  }

  /** Puts the message behind the others of its organization. */
  private receive(delivery: Delivery): void {
    const headers = delivery.message.properties.headers;
    const key = String(headers?.['cloudEvents:organizationid'] ?? '');
    const waiting = this.waiting.get(key);
    if (waiting) waiting.push(delivery);
    else this.waiting.set(key, [delivery]);
    if (this.writers.has(key)) return;
    const writer = this.writeWaiting(key)
      .catch((err: unknown) =>
        this.logger.error({ error: describeConnectionError(err) }, 'handling events failed'),
      )
      .finally(() => this.writers.delete(key));
    this.writers.set(key, writer);
  }

  /** Writes what the organization has waiting, a batch at a time, until nothing is. */
  private async writeWaiting(key: string): Promise<void> {
    for (;;) {
      // A moment for more of the organization's events to arrive: one transaction and one
      // acknowledgement for them all.
      const linger = this.settings.AUDIT_EVENTS_LINGER_MS;
      if (linger > 0) await new Promise((resolve) => setTimeout(resolve, linger));
      const batch = this.waiting.get(key);
      this.waiting.delete(key);
      if (!batch || this.stopped) return;
      await this.handle(batch);
    }
  }

  private async handle(batch: Delivery[]): Promise<void> {
    const events: { delivery: Delivery; event: ChainEvent }[] = [];
    for (const delivery of batch) {
      const { message } = delivery;
      const sender = message.properties.userId as string | undefined;
      if (!sender || !this.internalUsers.has(sender)) {
        this.logger.warn(
          { sender: sender ?? null, queue: this.queue },
          'a message not from one of our services on the audit queue: dropped',
        );
        this.finish(delivery, 'ack');
        continue;
      }
      try {
        events.push({
          delivery,
          event: readIncomingEvent(message.properties.headers, message.content),
        });
      } catch (err) {
        await this.reject(delivery, err);
      }
    }
    // The organization header only groups the work; each event's own organization is what counts.
    for (const group of byOrganization(events)) await this.record(group);
  }

  /**
   * Records events of one organization together and acknowledges them once committed. When
   * the database refuses the batch for good, each is tried alone, so that only the one it
   * refuses goes to the dead-letter queue.
   */
  private async record(batch: { delivery: Delivery; event: ChainEvent }[]): Promise<void> {
    const organizationId = batch[0].event.organizationId;
    for (let wait = RETRY_MS.first; ; wait = Math.min(wait * 2, RETRY_MS.max)) {
      try {
        const outcomes = await this.recorder.recordAll(
          organizationId,
          batch.map(({ event }) => event),
        );
        batch.forEach(({ delivery, event }, index) => {
          this.finish(delivery, 'ack');
          if (outcomes[index] === 'duplicate')
            this.logger.debug({ eventId: event.id }, 'an event already in the log: acknowledged');
        });
        return;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (typeof code === 'string' && PERMANENT_SQLSTATE.test(code)) {
          if (batch.length === 1) return this.reject(batch[0].delivery, err);
          for (const one of batch) await this.record([one]);
          return;
        }
        // The database is away: the messages stay ours (unacknowledged) until it answers, or
        // go back to the queue when this process stops.
        if (this.stopped) return;
        this.logger.warn(
          { events: batch.length, error: describeConnectionError(err), retryInMs: wait },
          'could not record events; trying again',
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.stopped) return;
      }
    }
  }

  /**
   * Marks a delivery done, and acknowledges every delivery of its channel up to the newest
   * whose earlier ones are all done. If that channel is gone (the broker restarted), the
   * broker gives the messages again on the new one, where they are found recorded.
   */
  private finish({ channel, message }: Delivery, how: 'ack' | 'settled'): void {
    const upTo = this.acks.get(channel)?.finish(message.fields.deliveryTag, how);
    if (upTo === undefined) return;
    try {
      channel.ack({ ...message, fields: { ...message.fields, deliveryTag: upTo } }, true);
    } catch {
      // The channel closed: redelivered, then acknowledged as duplicates.
    }
  }

  /** To the dead-letter queue, which acknowledges the message itself. */
  private async reject(delivery: Delivery, err: unknown): Promise<void> {
    const { channel, message } = delivery;
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
    this.finish(delivery, 'settled');
  }
}

/** Consecutive runs of one organization's events, in order. */
function byOrganization<T extends { event: ChainEvent }>(items: T[]): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const last = runs.at(-1);
    if (last && last[0].event.organizationId === item.event.organizationId) last.push(item);
    else runs.push([item]);
  }
  return runs;
}
