import { execFileSync } from 'node:child_process';
import amqp, { Channel, ChannelModel, ConsumeMessage, GetMessage } from 'amqplib';
import { randomUUID } from 'node:crypto';
import {
  commandQueueName,
  eventsExchangeName,
  IdentityPatterns,
  ImportPatterns,
  SealingKeyReply,
} from '@app/contracts';
import { brokerUser } from '@app/platform';
import { RABBITMQ_URL } from './infra';
import { waitFor } from './wait-for';

/** Direct access to RabbitMQ for tests: publish raw bytes, read a queue, wait for replies. */
export class TestBroker {
  private constructor(
    private readonly connection: ChannelModel,
    readonly channel: Channel,
    /** The broker user of this connection, which RabbitMQ lets it name in `user_id`. */
    readonly user: string,
  ) {}

  /**
   * Connects as `url`'s user: by default the machine's, one of the product's services to
   * the stack (INTERNAL_BROKER_USERS); a team's URL (BrokerTeams) sends as another team.
   */
  static async connect(url = RABBITMQ_URL): Promise<TestBroker> {
    const connection = await amqp.connect(url);
    // A broker restart (chaos suite) drops this connection with an error event: without a
    // listener that event would crash the test run instead of being a dropped connection.
    connection.on('error', () => undefined);
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    return new TestBroker(connection, channel, brokerUser(url));
  }

  /**
   * Publishes `content` to a queue as is (persistent), optionally expecting a reply, with
   * `user_id` = this connection's user (RabbitMQ checks it) unless `anonymous`, and
   * `headers` (an `authorization` token) as another team's proof of whom it acts for.
   */
  async publish(
    queue: string,
    content: Buffer | string | object,
    options: { reply?: boolean; anonymous?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Reply | undefined> {
    const message = await this.send(queue, content, options);
    return message && (JSON.parse(message.content.toString()) as Reply);
  }

  /** Sends a request and resolves to its reply as it came (properties included). */
  async request(
    queue: string,
    content: Buffer | string | object,
    options: { anonymous?: boolean; headers?: Record<string, string> } = {},
  ): Promise<ConsumeMessage> {
    return (await this.send(queue, content, { ...options, reply: true }))!;
  }

  private async send(
    queue: string,
    content: Buffer | string | object,
    options: { reply?: boolean; anonymous?: boolean; headers?: Record<string, string> },
  ): Promise<ConsumeMessage | undefined> {
    const body = Buffer.isBuffer(content)
      ? content
      : Buffer.from(typeof content === 'string' ? content : JSON.stringify(content));
    const sender = {
      persistent: true,
      ...(Buffer.isBuffer(content) ? {} : { contentType: 'application/json' }),
      ...(options.anonymous ? {} : { userId: this.user }),
      headers: options.headers,
    };
    if (!options.reply) {
      this.channel.sendToQueue(queue, body, sender);
      return undefined;
    }
    const replies = await this.connection.createChannel();
    replies.on('error', () => undefined);
    const received = new Promise<ConsumeMessage>((resolve) => {
      void replies.consume('amq.rabbitmq.reply-to', (message) => message && resolve(message), {
        noAck: true,
      });
    });
    const correlationId = randomUUID();
    await new Promise((resolve) => setImmediate(resolve));
    replies.sendToQueue(queue, body, {
      ...sender,
      replyTo: 'amq.rabbitmq.reply-to',
      correlationId,
    });
    let timer: NodeJS.Timeout | undefined;
    const message = await Promise.race([
      received,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no reply within 10 s')), 10_000);
      }),
    ]).finally(() => clearTimeout(timer));
    await replies.close();
    return message;
  }

  /** The key a service's secrets are sealed to, asked as this connection's user. */
  async sealingKey(prefix: string, service: 'identity' | 'import' = 'identity') {
    const pattern =
      service === 'identity' ? IdentityPatterns.sealingKeyGet : ImportPatterns.sealingKeyGet;
    const reply = await this.publish(commandQueueName(prefix, service), packet(pattern, {}), {
      reply: true,
    });
    return reply?.response as SealingKeyReply;
  }

  /**
   * A queue of the test's own on the events exchange, bound to the events of `type` in every
   * organization (`*.<type>`; routing keys are `<organizationId>.<type>`), or to `bindingKey`
   * as given: its name. Exclusive: it goes with the connection.
   */
  async spyOnEvents(
    prefix: string,
    type: string,
    options: { bindingKey?: string; queue?: string } = {},
  ): Promise<string> {
    const spy = options.queue ?? `${prefix}.spy.${randomUUID()}`;
    await this.channel.assertQueue(spy, { exclusive: true });
    await this.channel.bindQueue(
      spy,
      eventsExchangeName(prefix),
      options.bindingKey ?? `*.${type}`,
    );
    return spy;
  }

  /** Waits for the event about `subject` (`technicians/<id>`) on a spy queue, passing others by. */
  async eventAbout(spy: string, subject: string): Promise<GetMessage> {
    return waitFor(
      async () => {
        const message = await this.channel.get(spy, { noAck: true });
        return message && message.properties.headers?.['cloudEvents:subject'] === subject
          ? message
          : undefined;
      },
      { what: `the event about ${subject}` },
    );
  }

  /** Waits until `queue` holds a message, and takes it. */
  async nextMessage(queue: string, timeoutMs = 15_000): Promise<GetMessage> {
    return waitFor(
      async () => {
        const message = await this.channel.get(queue, { noAck: true });
        return message || undefined;
      },
      { timeoutMs, what: `a message on ${queue}` },
    );
  }

  async messageCount(queue: string): Promise<number> {
    return (await this.channel.checkQueue(queue)).messageCount;
  }

  /**
   * Closes the connection. One the broker already dropped may never answer the close, so
   * after two seconds its socket is destroyed instead of waiting (and heartbeating) forever.
   */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.connection.close().then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), 2_000);
      }),
    ]).finally(() => clearTimeout(timer));
    if (!answered) (this.connection as any).connection?.stream?.destroy();
  }
}

export interface Reply {
  id?: string;
  response?: unknown;
  err?: { code: string; message: string; errors?: { field: string; code: string }[] };
  isDisposed?: boolean;
}

/** A request packet as @nestjs/microservices writes it. */
export function packet(pattern: string, data: unknown): object {
  return { pattern, data, id: randomUUID() };
}

/**
 * Messages in each of `queues`, ready or delivered and not yet acknowledged (a consumer's
 * message in flight or backing off before a retry), which AMQP's own queue check does not
 * count. One listing by the broker's CLI, `rabbitmqctl`, as the firehose and chaos suites use.
 */
export function messagesInQueues(queues: string[]): number[] {
  const listing = execFileSync(
    'rabbitmqctl',
    ['list_queues', '--quiet', '--no-table-headers', 'name', 'messages'],
    { encoding: 'utf8' },
  );
  const counts = new Map(
    listing
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([name, count]) => [name, Number(count)] as const),
  );
  return queues.map((queue) => counts.get(queue) ?? 0);
}
