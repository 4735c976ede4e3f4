import {
  commandQueueName,
  IdentityPatterns,
  ImportPatterns,
  SEALED_SECRET_PATTERN,
  SealingKeyReply,
} from '@app/contracts';
import { seal } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { packet, TestBroker } from '../support/broker';
import { queryDatabase } from '../support/databases';
import { createGroup, GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import {
  csvImportFile,
  ImportRowsHold,
  technicianRow,
  uploadImport,
  waitForImport,
} from '../support/imports';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

/**
 * Sealing keys as another team sees them: fetch the key by message, seal with HPKE, and
 * live through a rotation (two keys open) and a retirement (the old one refused). A
 * retirement fails nothing that was valid when it was sealed: an Idempotency-Key still
 * answers its first outcome, an import running meanwhile loses no row.
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

  /** Makes a new key current and retires the one that was (identity's, or import's file key). */
  async function rotateAndRetire(service: 'identity' | 'import'): Promise<SealingKeyReply> {
    const queue = commandQueueName(stack.env.prefix, service);
    const patterns = service === 'identity' ? IdentityPatterns : ImportPatterns;
    const before = (await send<SealingKeyReply>(patterns.sealingKeyGet, {}, queue)).response;
    await send(patterns.sealingKeyRotate, {}, queue);
    const retired = await send<SealingKeyReply>(
      patterns.sealingKeyRetire,
      { keyId: before.keyId },
      queue,
    );
    expect(retired.err).toBeUndefined();
    expect(retired.response.acceptedKeyIds).not.toContain(before.keyId);
    return retired.response;
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

  it('answers a create retried after a rotation and retirement with its first outcome, and another password with 422', async () => {
    const token = await stack.adminToken();
    const groupId = (await createGroup(stack.api, token)).id;
    const key = `retired-${randomUUID()}`;
    const body = { name: 'Across Keys', email: uniqueEmail('acrosskeys'), password: GOOD_PASSWORD };
    const send = (b: object) =>
      stack.api.request('POST', `/api/v1/groups/${groupId}/technicians`, {
        body: b,
        token,
        headers: { 'idempotency-key': key },
      });

    const first = await send(body);
    expect(first.status).toBe(201);
    // The first request's password was sealed to this key: rotated, then retired.
    await rotateAndRetire('identity');

    const retried = await send(body);
    expect({ status: retried.status, body: retried.body }).toEqual({
      status: 201,
      body: first.body,
    });
    const otherPassword = await send({ ...body, password: `${GOOD_PASSWORD}-Other` });
    expect(otherPassword.status).toBe(422);
    expect(otherPassword.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('creates every row of a 500-row import whose keys (identity, import) are rotated and retired in the middle of it', async () => {
    const token = await stack.adminToken();
    const groupId = (await createGroup(stack.api, token)).id;
    const emails = Array.from({ length: 500 }, () => uniqueEmail('keysretired'));
    const csv = csvImportFile(
      emails.map((email, i) => technicianRow(groupId, { email, password: `Retire-${i}-Pw7#` })),
    );
    const rows = ImportRowsHold.open(stack);
    try {
      const upload = await uploadImport(stack, token, csv);
      expect(upload.status).toBe(202);
      await waitFor(
        async () =>
          (await stack.api.get(`/api/v1/imports/${upload.body.id}`, token)).body.processed > 0,
        { timeoutMs: 120_000, what: 'the import to be under way' },
      );
      // Between two batches: some rows done, the others stored and waiting.
      await rows.hold();
      const [during] = await queryDatabase<{ processed: number }>(
        stack.env.databases.import,
        'SELECT processed FROM imports WHERE id = $1',
        [upload.body.id],
      );
      expect(during.processed).toBeLessThan(500);

      await rotateAndRetire('identity');
      await rotateAndRetire('import');
      await rows.release();

      const view = await waitForImport(stack, token, upload.body.id, 240_000);
      expect(view).toMatchObject({ status: 'completed', total: 500, succeeded: 500, failed: 0 });
      // And they work: a row stored before the retirements signs in with its password.
      const last = await stack.api.post('/api/v1/auth/login', {
        email: emails[499],
        password: 'Retire-499-Pw7#',
      });
      expect(last.status).toBe(200);
    } finally {
      await rows.release();
      await rows.close();
    }
  });
});
