import {
  commandQueueName,
  IdentityPatterns,
  ImportPatterns,
  SEALED_SECRET_PATTERN,
  SealingKeyReply,
} from '@app/contracts';
import { seal } from '@app/platform';
import { packet, TestBroker } from '../support/broker';
import { GOOD_PASSWORD } from '../support/fixtures';
import { Stack } from '../support/stack';

/**
 * Sealing keys as another team sees them: fetch the key by message, seal with HPKE, and
 * live through a rotation (two keys open) and a retirement (the old one refused).
 */
describe('Sealing keys: HPKE, rotation and retirement', () => {
  let stack: Stack;
  let broker: TestBroker;
  let identityQueue: string;

  beforeAll(async () => {
    stack = await Stack.start('sealing-keys');
    broker = await TestBroker.connect();
    identityQueue = commandQueueName(stack.env.prefix, 'identity');
  });

  afterAll(async () => {
    await broker?.close();
    await stack?.stop();
  });

  async function send<T>(pattern: string, data: unknown, queue = identityQueue) {
    const reply = await broker.publish(queue, packet(pattern, data), { reply: true });
    return { response: reply?.response as T, err: reply?.err };
  }

  /** identity.password.compare.v1 opens both boxes: the way to ask "does this box open?". */
  async function opens(box: string) {
    return send<{ equal: boolean }>(IdentityPatterns.passwordCompare, {
      sealedPassword: box,
      otherSealedPassword: box,
    });
  }

  it('publishes the key, its id and the HPKE suite', async () => {
    const { response } = await send<SealingKeyReply>(IdentityPatterns.sealingKeyGet, {});
    expect(response).toMatchObject({
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
      publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      suite: { mode: 'base', kemId: 0x20, kdfId: 1, aeadId: 2 },
      acceptedKeyIds: [response.keyId],
    });
    const box = await seal(GOOD_PASSWORD, response);
    expect(box).toMatch(SEALED_SECRET_PATTERN);
    expect((await opens(box)).response).toEqual({ equal: true });
  });

  it('refuses a box of the old sealed.v1 format as an invalid message', async () => {
    const { response } = await send<SealingKeyReply>(IdentityPatterns.sealingKeyGet, {});
    const old = `sealed.v1.${response.keyId}.${'A'.repeat(59)}.${'A'.repeat(16)}.AAAA.${'A'.repeat(22)}`;
    const { err } = await opens(old);
    expect(err).toMatchObject({
      code: 'MESSAGE_INVALID',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'sealedPassword' })]),
    });
  });

  it('opens boxes of both keys during a rotation, and refuses the old one once retired', async () => {
    const before = (await send<SealingKeyReply>(IdentityPatterns.sealingKeyGet, {})).response;
    const oldBox = await seal(GOOD_PASSWORD, before);

    const rotated = (await send<SealingKeyReply>(IdentityPatterns.sealingKeyRotate, {})).response;
    expect(rotated.keyId).not.toBe(before.keyId);
    expect(rotated.acceptedKeyIds).toEqual([rotated.keyId, before.keyId]);
    expect((await send<SealingKeyReply>(IdentityPatterns.sealingKeyGet, {})).response).toEqual(
      rotated,
    );
    const newBox = await seal(GOOD_PASSWORD, rotated);
    expect((await opens(oldBox)).response).toEqual({ equal: true });
    expect((await opens(newBox)).response).toEqual({ equal: true });

    // The current key cannot be retired; an unknown one is not found.
    expect(
      (await send(IdentityPatterns.sealingKeyRetire, { keyId: rotated.keyId })).err,
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      (await send(IdentityPatterns.sealingKeyRetire, { keyId: '0000000000000000' })).err,
    ).toMatchObject({ code: 'NOT_FOUND' });

    const retired = await send<SealingKeyReply>(IdentityPatterns.sealingKeyRetire, {
      keyId: before.keyId,
    });
    expect(retired.response.acceptedKeyIds).toEqual([rotated.keyId]);
    expect((await opens(oldBox)).err).toMatchObject({ code: 'SEALING_KEY_UNKNOWN' });
    expect((await opens(newBox)).response).toEqual({ equal: true });
  });

  it('keeps the REST API working through a rotation: the gateway fetches the new key', async () => {
    // The gateway holds the key it fetched first; after that key is retired its first box is
    // refused with SEALING_KEY_UNKNOWN, and it fetches the current key and seals again.
    expect(await stack.api.login(stack.adminEmail, stack.adminPassword)).toEqual(
      expect.any(String),
    );
    const current = (await send<SealingKeyReply>(IdentityPatterns.sealingKeyGet, {})).response;
    await send(IdentityPatterns.sealingKeyRotate, {});
    await send(IdentityPatterns.sealingKeyRetire, { keyId: current.keyId });
    expect(await stack.api.login(stack.adminEmail, stack.adminPassword)).toEqual(
      expect.any(String),
    );
  });

  it('rotates the import service file key the same way', async () => {
    const importQueue = commandQueueName(stack.env.prefix, 'import');
    const before = (await send<SealingKeyReply>(ImportPatterns.sealingKeyGet, {}, importQueue))
      .response;
    const rotated = (await send<SealingKeyReply>(ImportPatterns.sealingKeyRotate, {}, importQueue))
      .response;
    expect(rotated.acceptedKeyIds).toEqual([rotated.keyId, before.keyId]);
    const retired = (
      await send<SealingKeyReply>(
        ImportPatterns.sealingKeyRetire,
        { keyId: before.keyId },
        importQueue,
      )
    ).response;
    expect(retired.acceptedKeyIds).toEqual([rotated.keyId]);
  });
});
