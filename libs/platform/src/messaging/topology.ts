import type { Channel, Options } from 'amqplib';
import {
  commandQueueName,
  deadLetterExchangeName,
  deadLetterQueueName,
  eventsExchangeName,
  Lane,
  ServiceName,
} from '@app/contracts';

/**
 * How many times a message is delivered before it is dead-lettered. Part of the queue's
 * declaration, which publishers and consumers must make identically: a constant, not a setting.
 */
export const MESSAGE_DELIVERY_LIMIT = 5;

/**
 * Command queues are quorum queues: replicated when the broker is a cluster, durable, and
 * they count deliveries, so a message that keeps failing ends on the dead-letter queue
 * instead of looping forever.
 */
export function commandQueueOptions(prefix: string, queue: string): Options.AssertQueue {
  return {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': MESSAGE_DELIVERY_LIMIT,
      'x-dead-letter-exchange': deadLetterExchangeName(prefix),
      'x-dead-letter-routing-key': queue,
    },
  };
}

/**
 * A dead-letter queue holds at most this many messages (and bytes); past that RabbitMQ refuses
 * more (`reject-publish`) instead of filling the disk: a sender that floods one (any user that
 * may publish through the default exchange can address it by name) cannot raise the disk alarm
 * that stops every publisher. Operators read and empty them; docs/RELIABILITY.md says how.
 */
export const DEAD_LETTER_MAX_LENGTH = 10_000;
export const DEAD_LETTER_MAX_BYTES = 64 * 1024 * 1024;

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
