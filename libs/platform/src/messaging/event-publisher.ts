import { RmqRecord, Serializer } from '@nestjs/microservices';
import { lastValueFrom, timeout } from 'rxjs';
import { eventsExchangeName, ServiceName } from '@app/contracts';
import { AMQP_SOCKET_OPTIONS } from './topology';
import { brokerUser, WatchedRmqClient } from './broker-connection';
import { cloudEventMessage, StoredEvent } from './cloud-event';
import { recordWire } from './wire-record';

/**
 * Writes the body as the event's data alone, its properties from the record: not the
 * `{pattern, data}` envelope of @nestjs/microservices, which no other client knows.
 */
class CloudEventSerializer implements Serializer {
  serialize(packet: { data: RmqRecord<Record<string, unknown>> }) {
    return { ...packet.data.data, options: packet.data.options };
  }
}

/**
 * Publishes domain events to the topic exchange `<prefix>.events`, routing key
 * `<organizationId>.<pattern>` (eventRoutingKey),
 * persistent, as CloudEvents (binary content mode, see @app/contracts `cloud-event.ts`);
 * `publish` resolves once the broker confirmed the message.
 */
export class EventPublisher {
  private readonly proxy: WatchedRmqClient;
  private readonly timeoutMs: number;
  private readonly service: ServiceName;
  private readonly user: string;

  constructor(options: { url: string; prefix: string; timeoutMs: number; service: ServiceName }) {
    const exchange = eventsExchangeName(options.prefix);
    this.timeoutMs = options.timeoutMs;
    this.service = options.service;
    this.user = brokerUser(options.url);
    this.proxy = new WatchedRmqClient({
      urls: [options.url],
      queue: exchange,
      exchange,
      exchangeType: 'topic',
      wildcards: true,
      persistent: true,
      socketOptions: AMQP_SOCKET_OPTIONS,
      serializer: new CloudEventSerializer(),
    });
  }

  async publish(event: StoredEvent): Promise<void> {
    const { routingKey, data, properties } = cloudEventMessage(this.service, event);
    recordWire({
      kind: 'event',
      routingKey,
      body: data,
      headers: properties.headers as Record<string, unknown>,
      contentType: properties.contentType,
    });
    await lastValueFrom(
      this.proxy
        .emit(routingKey, new RmqRecord(data, { ...properties, userId: this.user }))
        .pipe(timeout(this.timeoutMs)),
      { defaultValue: undefined },
    );
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }
}
