import type { Channel, Options } from 'amqplib';
import {
  commandQueueArguments,
  DEAD_LETTER_MAX_BYTES,
  DEAD_LETTER_MAX_LENGTH,
  commandQueueName,
  deadLetterExchangeName,
  deadLetterQueueName,
  eventsExchangeName,
  Lane,
  ServiceName,
} from '@app/contracts';

export {
  DEAD_LETTER_MAX_BYTES,
  DEAD_LETTER_MAX_LENGTH,
  MESSAGE_DELIVERY_LIMIT,
} from '@app/contracts';

/** Command queues: durable, with the arguments of the contract (commandQueueArguments). */
export function commandQueueOptions(prefix: string, queue: string): Options.AssertQueue {
  return { durable: true, arguments: commandQueueArguments(prefix, queue) };
}

/** Dead-letter queues: bounded (DEAD_LETTER_MAX_LENGTH), refusing more when full. */
export function deadLetterQueueOptions(): Options.AssertQueue {
  return {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-max-length': DEAD_LETTER_MAX_LENGTH,
      'x-max-length-bytes': DEAD_LETTER_MAX_BYTES,
      'x-overflow': 'reject-publish',
    },
  };
}

/** Declares a service's command queue of a lane with its dead-letter exchange and queue. Idempotent. */
export async function assertCommandQueue(
  channel: Channel,
  prefix: string,
  service: ServiceName,
  lane: Lane = 'interactive',
): Promise<string> {
  const queue = commandQueueName(prefix, service, lane);
  const deadLetterExchange = deadLetterExchangeName(prefix);
  const deadLetterQueue = deadLetterQueueName(queue);
  await channel.assertExchange(deadLetterExchange, 'direct', { durable: true });
  await channel.assertQueue(deadLetterQueue, deadLetterQueueOptions());
  await channel.bindQueue(deadLetterQueue, deadLetterExchange, queue);
  await channel.assertQueue(queue, commandQueueOptions(prefix, queue));
  return queue;
}

export async function assertEventsExchange(channel: Channel, prefix: string): Promise<string> {
  const exchange = eventsExchangeName(prefix);
  await channel.assertExchange(exchange, 'topic', { durable: true });
  return exchange;
}

/**
 * How every connection to RabbitMQ is made: heartbeats, quick reconnection, and Nagle's
 * algorithm off. With it on (amqplib's default), a message written as several frames waits
 * for the peer's delayed acknowledgement: about 40 ms on a reply of a few kilobytes.
 */
export const AMQP_SOCKET_OPTIONS = {
  heartbeatIntervalInSeconds: 10,
  reconnectTimeInSeconds: 1,
  connectionOptions: { noDelay: true },
};
