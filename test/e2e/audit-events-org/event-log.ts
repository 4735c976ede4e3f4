import { randomUUID } from 'node:crypto';
import type { ConsumeMessage } from 'amqplib';
import { CLOUD_EVENT_HEADER_PREFIX, eventsExchangeName } from '@app/contracts';
import type { TestBroker } from '../../support/broker';
import { waitFor } from '../../support/wait-for';

/** An event as the audit service reads it: its CloudEvents attributes and its data. */
export interface HeardEvent {
  /** The CloudEvents id: the audit log's entry names it. */
  id: string;
  type: string;
  subject: string;
  organizationId: string;
  principal: string;
  channel: string;
  origin: string | undefined;
  userId: string | undefined;
  /** The body as it came, to check that no secret is in it. */
  text: string;
  data: any;
}

/** A loopback client address as the gateway records it (IPv4 or IPv6). */
export const LOOPBACK = /^(127\.0\.0\.1|::1)$/;

/**
 * Every event of the stack, heard on a queue of the test's own bound to `<prefix>.events`
 * (as the product's own broker user, which may bind `#`), kept in arrival order.
 */
export class EventLog {
  readonly events: HeardEvent[] = [];

  private constructor() {}

  static async listen(broker: TestBroker, prefix: string): Promise<EventLog> {
    const log = new EventLog();
    const queue = `${prefix}.spy.audit-${randomUUID()}`;
    await broker.channel.assertQueue(queue, { exclusive: true });
    await broker.channel.bindQueue(queue, eventsExchangeName(prefix), '#');
    await broker.channel.consume(queue, (message) => message && log.hear(message), {
      noAck: true,
    });
    return log;
  }

  private hear(message: ConsumeMessage): void {
    const header = (name: string) => {
      const value = message.properties.headers?.[CLOUD_EVENT_HEADER_PREFIX + name] as
        string | undefined;
      return value;
    };
    const text = message.content.toString();
    this.events.push({
      id: header('id')!,
      type: header('type')!,
      subject: header('subject')!,
      organizationId: header('organizationid')!,
      principal: header('principal')!,
      channel: header('channel')!,
      origin: header('origin'),
      userId: message.properties.userId as string | undefined,
      text,
      data: JSON.parse(text),
    });
  }

  /** Waits for the event of `type` about `subject` (`groups/<id>`) that `match` accepts. */
  async next(
    type: string,
    subject: string,
    match: (event: HeardEvent) => boolean = () => true,
  ): Promise<HeardEvent> {
    return waitFor(
      () =>
        this.events.find((e) => e.type === type && e.subject === subject && match(e)) ?? undefined,
      { what: `the event ${type} about ${subject}`, timeoutMs: 20_000 },
    );
  }

  /** Every event heard so far of `type` about `subject`. */
  about(type: string, subject: string): HeardEvent[] {
    return this.events.filter((e) => e.type === type && e.subject === subject);
  }
}
