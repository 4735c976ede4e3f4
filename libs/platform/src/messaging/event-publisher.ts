import { lastValueFrom, timeout } from 'rxjs';
import { eventsExchangeName } from '@app/contracts';
import { AMQP_SOCKET_OPTIONS } from './topology';
import { WatchedRmqClient } from './broker-connection';

/**
 * Publishes domain events to the topic exchange `<prefix>.events`, routing key = pattern,
 * persistent; `publish` resolves once the broker confirmed the message.
 */
export class EventPublisher {
  private readonly proxy: WatchedRmqClient;

  constructor(options: { url: string; prefix: string; timeoutMs: number }) {
    const exchange = eventsExchangeName(options.prefix);
    this.timeoutMs = options.timeoutMs;
    this.proxy = new WatchedRmqClient({
      urls: [options.url],
      queue: exchange,
      exchange,
      exchangeType: 'topic',
      wildcards: true,
      persistent: true,
      socketOptions: AMQP_SOCKET_OPTIONS,
    });
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
