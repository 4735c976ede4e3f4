import { Logger } from '@nestjs/common';
import type { Channel, ConfirmChannel, ConsumeMessage, MessageProperties, Options } from 'amqplib';
import { AUTHORIZATION_HEADER } from './principal-gate';

/** Why a message ended on its dead-letter queue (header `rac-dead-letter-reason`). */
export type DeadLetterReason =
  'unreadable' | 'unknown-pattern' | 'invalid-payload' | 'repeated-failures' | 'delivery-limit';

const logger = new Logger('DeadLetter');

/**
 * Moves a message to its dead-letter queue ourselves instead of letting RabbitMQ do it
 * (basic.reject without requeue), so that what reaches that queue carries no credential:
 * the `authorization` header (an administrator's token, a service's assertion) is left out.
 * The copy keeps the body and the properties an operator needs to understand and replay it,
 * with the reason, the queue and the sender in headers of ours (RabbitMQ would refuse our
 * publishing the sender's own `user_id`). Published with a confirm, then the original is
 * acknowledged: at least once onto the dead-letter queue. A full dead-letter queue refuses
 * the copy (see DEAD_LETTER_MAX_LENGTH): the message is then dropped, and said so in the log.
 */
export async function deadLetter(
  channel: Channel,
  message: ConsumeMessage,
  route: { exchange: string; queue: string },
  reason: DeadLetterReason,
): Promise<void> {
  const { headers, userId, ...properties } = message.properties as Omit<
    MessageProperties,
    'headers' | 'userId'
  > & { headers?: Record<string, unknown>; userId?: string };
  const { [AUTHORIZATION_HEADER]: _credential, ...kept } = headers ?? {};
  const copy: Options.Publish = {
    ...definedOnly(properties),
    persistent: true,
    headers: {
      ...kept,
      'rac-dead-letter-reason': reason,
      'rac-dead-letter-queue': route.queue,
      ...(userId ? { 'rac-sender': userId } : {}),
    },
  };
  const accepted = await publishConfirmed(
    channel,
    route.exchange,
    route.queue,
    message.content,
    copy,
  );
  if (!accepted) {
    logger.error(
      { queue: route.queue, reason },
      'the dead-letter queue refused a message (full?): dropped',
    );
  }
  channel.ack(message);
}

/** Resolves to whether the broker took the message (a confirm channel says; a plain one cannot). */
function publishConfirmed(
  channel: Channel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
): Promise<boolean> {
  if (typeof (channel as ConfirmChannel).waitForConfirms !== 'function') {
    channel.publish(exchange, routingKey, content, options);
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    (channel as ConfirmChannel).publish(exchange, routingKey, content, options, (err) =>
      resolve(!err),
    );
  });
}

/** amqplib's consumed properties name every field, many undefined: publish only those set. */
function definedOnly(properties: object): Options.Publish {
  return Object.fromEntries(
    Object.entries(properties).filter(([, value]) => value !== undefined && value !== null),
  );
}
