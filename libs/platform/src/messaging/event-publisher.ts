import { ClientRMQ } from '@nestjs/microservices';
import { lastValueFrom, timeout } from 'rxjs';
import { eventsExchangeName } from '@app/contracts';
import { AMQP_SOCKET_OPTIONS } from './topology';
import { reportUnreachableBroker } from './unreachable-broker';

/**
 * Publishes domain events to the topic exchange `<prefix>.events`, routing key = pattern,
 * persistent; `publish` resolves once the broker confirmed the message.
 */
export class EventPublisher {
  private readonly proxy: ClientRMQ;

  constructor(options: { url: string; prefix: string; timeoutMs: number }) {
    const exchange = eventsExchangeName(options.prefix);
    this.timeoutMs = options.timeoutMs;
    this.proxy = new ClientRMQ({
      urls: [options.url],
      queue: exchange,
      exchange,
      exchangeType: 'topic',
      wildcards: true,
      persistent: true,
      socketOptions: AMQP_SOCKET_OPTIONS,
    });
    reportUnreachableBroker(this.proxy, options.url);
  }

  private readonly timeoutMs: number;

  async publish(pattern: string, payload: object): Promise<void> {
    await lastValueFrom(this.proxy.emit(pattern, payload).pipe(timeout(this.timeoutMs)), {
      defaultValue: undefined,
    });
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }
}
