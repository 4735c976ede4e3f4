import { commandQueueName, deadLetterQueueName, IdentityPatterns } from '@app/contracts';
import { packet, TestBroker } from '../../../test/support/broker';
import { ServiceProcess } from '../../../test/support/service-process';
import { createTestEnv, TestEnv } from '../../../test/support/test-env';

describe('identity: invalid messages go to the dead-letter queue, and consuming goes on', () => {
  let env: TestEnv;
  let identity: ServiceProcess;
  let broker: TestBroker;
  let queue: string;
  let deadLetters: string;

  beforeAll(async () => {
    env = await createTestEnv('identitydlq');
    identity = new ServiceProcess('identity', env.vars, env.logDir);
    await identity.start();
    broker = await TestBroker.connect();
    queue = commandQueueName(env.prefix, 'identity');
    deadLetters = deadLetterQueueName(queue);
  });

  afterAll(async () => {
    await broker?.close();
    await identity?.stop();
    identity?.close();
    await env?.destroy();
  });

  it('dead-letters a login whose payload fails validation, and answers MESSAGE_INVALID', async () => {
    const invalid = packet(IdentityPatterns.login, {
      email: 'not an email',
      sealedPassword: 'plain',
      role: 'x',
    });

    const reply = await broker.publish(queue, invalid, { reply: true });

    expect(reply?.err?.code).toBe('MESSAGE_INVALID');
    expect(reply?.err?.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['email', 'sealedPassword', 'role']),
    );
    const dead = await broker.nextMessage(deadLetters);
    expect(JSON.parse(dead.content.toString())).toEqual(invalid);
    expect(dead.properties.headers).toMatchObject({
      'rac-dead-letter-reason': 'invalid-payload',
      'rac-dead-letter-queue': queue,
    });
  });

  it('dead-letters bytes that are not a message at all, and answers MESSAGE_INVALID without an id', async () => {
    const reply = await broker.publish(queue, Buffer.from([0xff, 0xfe, 0x00, 0x7b]), {
      reply: true,
    });

    expect(reply).toEqual({
      err: expect.objectContaining({ code: 'MESSAGE_INVALID' }),
      isDisposed: true,
    });

    const dead = await broker.nextMessage(deadLetters);
    expect(dead.content).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
  });

  it('dead-letters a message for a pattern nobody handles', async () => {
    const unknown = packet('identity.nothing.v9', {});

    const reply = await broker.publish(queue, unknown, { reply: true });

    expect(reply?.err?.code).toBe('UNKNOWN_MESSAGE');
    expect(JSON.parse((await broker.nextMessage(deadLetters)).content.toString())).toEqual(unknown);
  });

  it('goes on answering valid messages afterwards, as application/json', async () => {
    const message = await broker.request(queue, packet(IdentityPatterns.health, {}));
    const reply = JSON.parse(message.content.toString()) as { response: unknown };

    expect(message.properties.contentType).toBe('application/json');
    expect(reply.response).toEqual({
      service: 'identity',
      status: 'up',
      dependencies: { database: 'up' },
    });
    expect(identity.running).toBe(true);
    expect(await broker.messageCount(queue)).toBe(0);
  });
});
