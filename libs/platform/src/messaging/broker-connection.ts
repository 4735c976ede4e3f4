import { Logger } from '@nestjs/common';
import { ClientRMQ } from '@nestjs/microservices';
import type { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import { describeConnectionError } from '../dependencies/connection-error';
import { unreachableDependencyLog } from '../dependencies/unreachable-dependency-log';

const logger = new Logger('RabbitMQ');

/**
 * What every connection to RabbitMQ of ours (servers and clients) gets:
 * - amqp-connection-manager retries a lost or refused connection quietly, every second:
 *   the broker, the cause and the hint are said in the log (at most every 10 s for the
 *   process), and when it answers again;
 * - a channel whose set-up fails (a queue two processes declare at the same moment can
 *   make RabbitMQ close the connection) emits an error that nothing listened to, which
 *   killed the process; it is logged instead, and the set-up runs again on reconnection.
 */
export function watchBrokerConnection(
  connection: AmqpConnectionManager,
  url: string,
): AmqpConnectionManager {
  const unreachable = unreachableDependencyLog('rabbitmq', url);
  connection.on('connectFailed', ({ err }) => unreachable.failed(err, logger));
  // Our own close() disconnects without an error: that is not the broker going away.
  connection.on('disconnect', ({ err }) => {
    if (err) unreachable.failed(err, logger);
  });
  connection.on('connect', () => unreachable.answered(logger));

  const createChannel = connection.createChannel.bind(connection);
  connection.createChannel = (options): ChannelWrapper => {
    const channel = createChannel(options);
    channel.on('error', (err: unknown) =>
      logger.warn(
        { error: describeConnectionError(err) },
        'a channel set-up failed; it runs again when the connection comes back',
      ),
    );
    return channel;
  };
  return connection;
}

/** The RabbitMQ client of @nestjs/microservices, with its connection watched (above). */
export class WatchedRmqClient extends ClientRMQ {
  constructor(options: ConstructorParameters<typeof ClientRMQ>[0] & { urls: string[] }) {
    super(options);
    this.url = options.urls[0];
  }

  private readonly url: string;

  override createClient(): AmqpConnectionManager {
    // Nest types the connection as `any`; it is amqp-connection-manager's.
    const connection = super.createClient() as AmqpConnectionManager;
    return watchBrokerConnection(connection, this.url);
  }
}

/**
 * The RabbitMQ user of a connection URL (amqplib connects as `guest` when it names none).
 * Our services put it in `user_id`, which RabbitMQ checks: how a consumer knows a message
 * came from one of our services.
 */
export function brokerUser(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'guest';
}
