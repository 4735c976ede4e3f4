import { Logger } from '@nestjs/common';
import { unreachableDependencyLog } from '../dependencies/unreachable-dependency-log';

/** The events of an amqp-connection-manager connection that tell whether the broker answers. */
export interface ConnectionEvents {
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'connectFailed' | 'disconnect', listener: (event: { err: unknown }) => void): unknown;
}

const logger = new Logger('RabbitMQ');

/**
 * amqp-connection-manager retries a lost or refused connection quietly, every second; this
 * names the broker, the cause and the hint in the log (at most every 10 s for the process),
 * and says when it answers again.
 */
export function reportUnreachableBroker(connection: ConnectionEvents, url: string): void {
  const unreachable = unreachableDependencyLog('rabbitmq', url);
  connection.on('connectFailed', ({ err }) => unreachable.failed(err, logger));
  // Our own close() disconnects without an error: that is not the broker going away.
  connection.on('disconnect', ({ err }) => {
    if (err) unreachable.failed(err, logger);
  });
  connection.on('connect', () => unreachable.answered(logger));
}
