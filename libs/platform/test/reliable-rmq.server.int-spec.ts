import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IsInt, Min } from 'class-validator';
// amqplib's promise channel, whose methods the transport calls.
import { Channel as AmqpChannel } from 'amqplib/lib/channel_model';
import { commandQueueName, deadLetterQueueName, ErrorCodes } from '@app/contracts';
import {
  brokerUser,
  MESSAGE_DELIVERY_LIMIT,
  MessageValidationPipe,
  ReliableRmqServer,
  REPLY_BY_HEADER,
  RpcCallError,
  RpcClient,
  rpcError,
  RpcErrorFilter,
} from '@app/platform';
import { packet, TestBroker } from '../../../test/support/broker';
import { RABBITMQ_URL } from '../../../test/support/infra';
import { createTestEnv, TestEnv } from '../../../test/support/test-env';
import { waitFor } from '../../../test/support/wait-for';

class CountCommand {
  @IsInt()
  @Min(1)
  count!: number;
}

const calls: Record<string, number> = {};
const count = (name: string): number => (calls[name] = (calls[name] ?? 0) + 1);
let releaseSlow!: () => void;

@Controller()
class ProbeController {
  @MessagePattern('probe.ok.v1')
  ok(@Payload() command: CountCommand): { doubled: number } {
    count('ok');
    return { doubled: command.count * 2 };
  }

  @MessagePattern('probe.business.v1')
  business(): never {
    count('business');
    throw rpcError(ErrorCodes.CONFLICT, 'a business outcome');
  }

  @MessagePattern('probe.flaky.v1')
  flaky(): { attempts: number } {
    const attempts = count('flaky');
    if (attempts < 3) throw new Error('the database blinked');
    return { attempts };
  }

  @MessagePattern('probe.broken.v1')
  broken(): never {
    count('broken');
    throw new Error('always broken');
  }

  @MessagePattern('probe.slow.v1')
  async slow(): Promise<{ finished: true }> {
    count('slow');
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return { finished: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('ReliableRmqServer (the RabbitMQ transport every service uses)', () => {
  let env: TestEnv;
  let app: INestMicroservice;
  let server: ReliableRmqServer;
  let client: RpcClient;
  let broker: TestBroker;
  let deadLetters: string;

  beforeAll(async () => {
    env = await createTestEnv('reliablermq');
    server = new ReliableRmqServer({
      url: RABBITMQ_URL,
      prefix: env.prefix,
      service: 'import',
      prefetch: { interactive: 4, bulk: 2 },
      retryDelayMs: 10,
      principals: { internalUsers: [brokerUser(RABBITMQ_URL)] },
    });
    app = await NestFactory.createMicroservice(ProbeModule, { strategy: server, logger: false });
    app.useGlobalPipes(new MessageValidationPipe());
    app.useGlobalFilters(new RpcErrorFilter());
    await app.listen();
    client = new RpcClient('import', { url: RABBITMQ_URL, prefix: env.prefix, timeoutMs: 10_000 });
    broker = await TestBroker.connect();
    deadLetters = deadLetterQueueName(commandQueueName(env.prefix, 'import'));
  });

  afterAll(async () => {
    await client?.close();
    await broker?.close();
    await app?.close();
    await env?.destroy();
  });

  it('answers a valid command once, and acknowledges it', async () => {
    await expect(client.send('probe.ok.v1', { count: 21 })).resolves.toEqual({ doubled: 42 });
    expect(calls.ok).toBe(1);
  });

  it('answers a business error without retrying it', async () => {
    const error = await client.send('probe.business.v1', {}).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(RpcCallError);
    expect((error as RpcCallError).code).toBe('CONFLICT');
    expect(calls.business).toBe(1);
  });

  it('dead-letters an invalid payload and tells the caller why', async () => {
    const error = (await client
      .send('probe.ok.v1', { count: 'many', extra: 1 })
      .catch((err: unknown) => err)) as RpcCallError;

    expect(error.code).toBe('MESSAGE_INVALID');
    expect(error.errors?.map((e) => e.field).sort()).toEqual(['count', 'extra']);
    const dead = await broker.nextMessage(deadLetters);
    expect(JSON.parse(dead.content.toString())).toMatchObject({ pattern: 'probe.ok.v1' });
    expect(calls.ok).toBe(1);
  });

  it('redelivers after a transient failure until the handler succeeds', async () => {
    await expect(client.send('probe.flaky.v1', {})).resolves.toEqual({ attempts: 3 });
    expect(calls.flaky).toBe(3);
  });

  it(`dead-letters a message that fails ${MESSAGE_DELIVERY_LIMIT} times, returning it each time with basic.reject`, async () => {
    // The real channel's methods, watched (they still run): RabbitMQ 4.3 and later count a
    // redelivery in x-delivery-count only after basic.reject, never after basic.nack.
    const rejects = jest.spyOn(AmqpChannel.prototype, 'reject');
    const nacks = jest.spyOn(AmqpChannel.prototype, 'nack');
    const error = (await client
      .send('probe.broken.v1', {})
      .catch((err: unknown) => err)) as RpcCallError;
    const requeuedBy = {
      reject: rejects.mock.calls.filter(([, requeue]) => requeue === true).length,
      nack: nacks.mock.calls.filter(([, , requeue]) => requeue === true).length,
    };
    rejects.mockRestore();
    nacks.mockRestore();

    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(calls.broken).toBe(MESSAGE_DELIVERY_LIMIT);
    expect(requeuedBy).toEqual({ reject: MESSAGE_DELIVERY_LIMIT - 1, nack: 0 });
    const dead = await broker.nextMessage(deadLetters);
    expect(JSON.parse(dead.content.toString())).toMatchObject({ pattern: 'probe.broken.v1' });
  });

  it('drops, unhandled, a request whose caller stopped waiting for its reply', async () => {
    const handled = calls.ok;
    const queue = commandQueueName(env.prefix, 'import');
    const gaveUp = { [REPLY_BY_HEADER]: String(Date.now() - 5_000) };
    const reply = broker.publish(queue, packet('probe.ok.v1', { count: 2 }), {
      reply: true,
      headers: gaveUp,
    });
    const silence = new Promise((resolve) => setTimeout(() => resolve('no reply'), 1_500));

    await expect(Promise.race([reply, silence])).resolves.toBe('no reply');
    expect(await broker.messageCount(queue)).toBe(0);
    expect(calls.ok).toBe(handled);
  });

  it('goes on consuming after all of that', async () => {
    await expect(client.send('probe.ok.v1', { count: 1 })).resolves.toEqual({ doubled: 2 });
    expect(await broker.messageCount(deadLetters)).toBe(0);
  });

  it('on close, stops taking messages but finishes the one in flight first', async () => {
    const reply = client.send('probe.slow.v1', {});
    await waitFor(() => calls.slow === 1, { what: 'the slow handler to start' });

    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closed).toBe(false);
    expect(server.inFlightCount).toBe(1);

    releaseSlow();
    await expect(reply).resolves.toEqual({ finished: true });
    await closing;
    expect(closed).toBe(true);
  });
});
