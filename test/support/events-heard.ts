import type { GetMessage } from 'amqplib';
import { expectEachInTheLog } from './audit-entries';
import type { StackSession } from './stack-session';
import { waitFor } from './wait-for';

/** One event as it came off the events exchange: its raw bytes, headers and parsed data. */
export interface Heard {
  type: string;
  headers: Record<string, unknown>;
  data: Record<string, any>;
  raw: string;
  userId: string | undefined;
}

/**
 * Every event of one organization, heard on the events exchange as the audit service hears
 * it (a spy queue bound to `<organizationId>.#`), kept in the order heard, so that a test can
 * wait for one, check that another never came, and at the end find each in the audit log.
 */
export class EventsHeard {
  /** Every event taken off the spy queue so far, in order. */
  readonly all: Heard[] = [];
  private spy = '';

  constructor(private readonly session: StackSession) {}

  /** Binds the spy queue: call in beforeAll, once the session has started. */
  async listen(): Promise<void> {
    this.spy = await this.session.broker.spyOnEvents(this.session.stack.env.prefix, '', {
      bindingKey: `${this.session.master.organizationId}.#`,
    });
  }

  /** Waits for the first event of `type` that `matches`, keeping every event heard. */
  event(type: string, matches: (e: Heard) => boolean = () => true): Promise<Heard> {
    return waitFor(
      async () => {
        for (;;) {
          const found = this.all.find((e) => e.type === type && matches(e));
          if (found) return found;
          if (!(await this.takeOne())) return undefined;
        }
      },
      { timeoutMs: 20_000, what: `the event ${type}` },
    );
  }

  /** The headers every event states: its organization, who, by which channel, about what. */
  expectEnvelope(e: Heard, principal: string, channel: string, subject: string): void {
    expect(e.headers).toMatchObject({
      'cloudEvents:organizationid': this.session.master.organizationId,
      'cloudEvents:principal': principal,
      'cloudEvents:channel': channel,
      'cloudEvents:subject': subject,
    });
  }

  /** Takes what is left on the spy queue, then finds each event heard in the audit log, once. */
  async expectEachInTheLog(): Promise<void> {
    while (await this.takeOne());
    const header = (e: Heard, name: string) => e.headers[`cloudEvents:${name}`] as string;
    expect(this.all.length).toBeGreaterThan(10);
    await expectEachInTheLog(
      this.session.stack,
      this.session.token,
      this.all.map((e) => ({
        id: header(e, 'id'),
        type: e.type,
        principal: header(e, 'principal'),
        channel: header(e, 'channel'),
        origin: header(e, 'origin'),
        data: e.data,
      })),
    );
  }

  private async takeOne(): Promise<boolean> {
    const message = await this.session.broker.channel.get(this.spy, { noAck: true });
    if (!message) return false;
    this.all.push(take(message));
    return true;
  }
}

/** Neither the event's bytes nor its properties hold any of `secrets`. */
export function expectNoSecret(e: Heard, ...secrets: string[]): void {
  for (const secret of secrets) expect(e.raw).not.toContain(secret);
}

function take(message: GetMessage): Heard {
  return {
    type: String(message.properties.headers?.['cloudEvents:type']),
    headers: message.properties.headers ?? {},
    data: JSON.parse(message.content.toString()),
    raw: message.content.toString() + JSON.stringify(message.properties),
    userId: message.properties.userId as string | undefined,
  };
}
