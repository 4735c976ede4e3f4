import { Logger } from '@nestjs/common';
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { RABBITMQ_URL } from '../../../../test/support/infra';
import { waitFor } from '../../../../test/support/wait-for';
import { WatchedRmqClient } from './broker-connection';

describe('WatchedRmqClient', () => {
  const queue = `t-broker-connection-${randomUUID()}`;
  let admin: amqp.ChannelModel;

  beforeAll(async () => {
    admin = await amqp.connect(RABBITMQ_URL);
    const channel = await admin.createChannel();
    // A classic queue: the client below declares it as a quorum queue, which RabbitMQ refuses.
    await channel.assertQueue(queue, { durable: true });
    await channel.close();
  });

  afterAll(async () => {
    // The closed client's channel may still retry its set-up once more: it then declares the
    // quorum queue as soon as the classic one is gone. Delete until the name stays free.
    const channel = await admin.createChannel();
    for (let round = 0; round < 3; round += 1) {
      await channel.deleteQueue(queue);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
    // checkQueue of a missing queue closes its channel with 404: a channel of its own.
    const probe = await admin.createChannel();
    probe.on('error', () => undefined);
    const declaredAgain = await probe.checkQueue(queue).then(
      () => true,
      () => false,
    );
    await admin.close();
    expect(declaredAgain).toBe(false);
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
