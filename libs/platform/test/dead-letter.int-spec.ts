import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import amqp from 'amqplib';
import { commandQueueName, deadLetterQueueName } from '@app/contracts';
import {
  assertCommandQueue,
  brokerUser,
  MESSAGE_DELIVERY_LIMIT,
  MessageValidationPipe,
  ReliableRmqServer,
  RpcErrorFilter,
} from '@app/platform';
import { packet, TestBroker } from '../../../test/support/broker';
import { RABBITMQ_URL } from '../../../test/support/infra';
import { createTestEnv, TestEnv } from '../../../test/support/test-env';
import { waitFor } from '../../../test/support/wait-for';

let handled = 0;

@Controller()
class CrashingController {
  @MessagePattern('probe.crash.v1')
  crash(): { ok: true } {
    handled += 1;
    return { ok: true };
  }
}

@Module({ controllers: [CrashingController] })
class CrashingModule {}

/**
 * What reaches a dead-letter queue carries no credential, also when the process handling it
 * died every time (RabbitMQ would otherwise dead-letter it itself, headers and all).
 */
describe('Dead-lettering (the transport of every service)', () => {
  let env: TestEnv;
  let app: INestMicroservice | undefined;
  let broker: TestBroker;
  let queue: string;

  beforeAll(async () => {
    env = await createTestEnv('deadletter');
    broker = await TestBroker.connect();
    queue = commandQueueName(env.prefix, 'import');
    await assertCommandQueue(broker.channel, env.prefix, 'import');
  });

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await env?.destroy();
  });

  it('dead-letters, without running it, a message whose every delivery died, and drops its token', async () => {
    await broker.publish(queue, packet('probe.crash.v1', {}), {
      headers: { authorization: 'Bearer a-token-that-must-not-be-kept' },
    });
    // Consumers that take the message and die before acknowledging it, as many times as the
    // delivery limit allows: RabbitMQ hands it out once more, counted in x-delivery-count.
    for (let delivery = 0; delivery < MESSAGE_DELIVERY_LIMIT; delivery++) {
      const connection = await amqp.connect(RABBITMQ_URL);
      const channel = await connection.createChannel();
      const message = await waitFor(async () => (await channel.get(queue)) || undefined, {
        what: `delivery ${delivery + 1}`,
      });
      expect(message.properties.headers?.['x-delivery-count'] ?? 0).toBe(delivery);
      await connection.close();
    }

    const server = new ReliableRmqServer({
      url: RABBITMQ_URL,
      prefix: env.prefix,
      service: 'import',
      prefetch: { interactive: 2, bulk: 1 },
      principals: { internalUsers: [brokerUser(RABBITMQ_URL)] },
    });
    app = await NestFactory.createMicroservice(CrashingModule, { strategy: server, logger: false });
    app.useGlobalPipes(new MessageValidationPipe());
    app.useGlobalFilters(new RpcErrorFilter());
    await app.listen();

    const dead = await broker.nextMessage(deadLetterQueueName(queue));
    expect(handled).toBe(0);
    expect(dead.properties.headers).not.toHaveProperty('authorization');
    expect(dead.properties.headers).toMatchObject({
      'rac-dead-letter-reason': 'delivery-limit',
      'rac-dead-letter-queue': queue,
      'rac-sender': brokerUser(RABBITMQ_URL),
    });
    expect(JSON.parse(dead.content.toString())).toMatchObject({ pattern: 'probe.crash.v1' });
  });
});
