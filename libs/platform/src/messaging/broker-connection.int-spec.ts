import { Logger } from '@nestjs/common';
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { RABBITMQ_URL } from '../../../../test/support/infra';
import { waitFor } from '../../../../test/support/wait-for';
import { WatchedRmqClient } from './broker-connection';

describe('WatchedRmqClient', () => {
  // RabbitMQ refuses to declare a queue under the reserved `amq.` prefix (403), every time:
  // the client's set-up fails however often it retries, and nothing is left on the broker
  // (a queue that conflicted with one declared here was declared by the closed client's
  // last retry once the test had deleted it, and outlived the run).
  const queue = `amq.t-broker-connection-${randomUUID()}`;

  afterAll(async () => {
    const admin = await amqp.connect(RABBITMQ_URL);
    try {
      // checkQueue of a missing queue closes its channel with 404: a channel of its own.
      const probe = await admin.createChannel();
      probe.on('error', () => undefined);
      const declared = await probe.checkQueue(queue).then(
        () => true,
        () => false,
      );
      expect(declared).toBe(false);
    } finally {
      await admin.close();
    }
  });

  it('a channel whose set-up fails is logged, not an error event that nothing hears', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const client = new WatchedRmqClient({
      urls: [RABBITMQ_URL],
      queue,
      queueOptions: { durable: true, arguments: { 'x-queue-type': 'quorum' } },
    });
    try {
      void client.connect().catch(() => undefined);
      await waitFor(
        () =>
          warn.mock.calls.some(([, message]) =>
            String(message).includes('a channel set-up failed'),
          ),
        { what: 'the failed set-up to be logged' },
      );
    } finally {
      await client.close().catch(() => undefined);
      warn.mockRestore();
    }
  });
});
