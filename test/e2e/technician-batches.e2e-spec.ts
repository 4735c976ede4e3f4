import { randomUUID } from 'node:crypto';
import {
  commandQueueName,
  eventsExchangeName,
  EventPatterns,
  MAX_IMPORT_ROWS,
  OrgPatterns,
  SealingKeyReply,
} from '@app/contracts';
import { seal } from '@app/platform';
import { packet, Reply, TestBroker } from '../support/broker';
import { queryDatabase } from '../support/databases';
import {
  createAdministrator,
  createGroup,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { expectAccountsConsistent } from '../support/invariants';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

interface Item {
  groupId: string;
  name: string;
  email: string;
  ssoId?: string;
  sealedPassword: string;
  idempotencyKey: string;
}

type ItemResult =
  | { ok: true; reply: { id: string; email: string; groupId: string } }
  | { ok: false; error: { code: string; errors?: { field: string; code: string }[] } };

/**
 * `org.technician.create-batch.v1`, sent as another service (or the import) would: each
 * item its own outcome, applied exactly once however often and however the batch arrives.
 */
describe('Creating technicians in batches', () => {
  let stack: Stack;
  let broker: TestBroker;
  let token: string;
  let groupId: string;
  let actor: { accountId: string; organizationId: string; role: string };
  let sealingKey: SealingKeyReply;
  /** Boxes of the passwords the tests use, sealed once (sealing is asynchronous). */
  const sealed: Record<string, string> = {};

  beforeAll(async () => {
    stack = await Stack.start('batches', { RPC_TIMEOUT_MS: '3000' });
    broker = await TestBroker.connect();
    token = await stack.adminToken();
    groupId = (await createGroup(stack.api, token, { permissions: ['Chat'] })).id;
    const me = (await stack.api.get('/api/v1/me', token)).body;
    actor = { accountId: me.id, organizationId: me.organizationId, role: me.role };
    sealingKey = await broker.sealingKey(stack.env.prefix);
    for (const password of [GOOD_PASSWORD, 'password'])
      sealed[password] = await seal(password, sealingKey);
  });

  afterAll(async () => {
    await broker?.close();
    await stack?.stop();
  });

  function item(fields: Partial<Omit<Item, 'sealedPassword'>> & { password?: string } = {}): Item {
    const { password, ...rest } = fields;
    const email = rest.email ?? uniqueEmail('batch');
    return {
      groupId,
      name: `Batch ${email.split('@')[0]}`,
      email,
      sealedPassword: sealed[password ?? GOOD_PASSWORD],
      idempotencyKey: `test:${randomUUID()}`,
      ...rest,
    };
  }

  const batchMessage = (items: Item[]) =>
    packet(OrgPatterns.technicianCreateBatch, { actor, items });

  async function sendBatch(message: object, lane: 'interactive' | 'bulk' = 'bulk') {
    const reply = await broker.publish(commandQueueName(stack.env.prefix, 'org', lane), message, {
      reply: true,
    });
    return reply as Reply & { response?: { results: ItemResult[] } };
  }

  const codeOf = (result: ItemResult) => (result.ok ? 'created' : result.error.code);

  async function accountsWithEmail(email: string): Promise<{ id: string; state: string }[]> {
    return queryDatabase(
      stack.env.databases.org,
      'SELECT id, state FROM accounts WHERE email_normalized = $1',
      [email.toLowerCase()],
    );
  }

  const expectConsistent = () => expectAccountsConsistent(stack.env);

  it('has the events exchange from start-up: a subscriber binds to it before any event was published', async () => {
    const spy = `${stack.env.prefix}.early.${randomUUID()}`;
    await broker.channel.assertQueue(spy, { exclusive: true });
    // Not declared here, as a subscriber of another team would not: 404 NOT_FOUND before.
    await broker.channel.bindQueue(spy, eventsExchangeName(stack.env.prefix), 'org.#');
    await broker.channel.deleteQueue(spy);
  });

  it('applies the rows around refused ones: each item its own result, in order, and one event per technician', async () => {
    const spy = await broker.spyOnEvents(stack.env.prefix, EventPatterns.technicianCreated);
    const existing = await stack.api.post(
      `/api/v1/groups/${groupId}/technicians`,
      {
        name: 'Already Here',
        email: uniqueEmail('taken'),
        ssoId: `sso-${randomUUID()}`,
        password: GOOD_PASSWORD,
      },
      token,
    );
    expect(existing.status).toBe(201);
    const twice = uniqueEmail('twice');
    const items = [
      item(),
      item({ email: existing.body.email.toUpperCase() }),
      item(),
      item({ password: 'password' }),
      item(),
      item({ ssoId: existing.body.ssoId }),
      item({ groupId: randomUUID() }),
      item({ email: twice }),
      item({ email: twice }),
      item(),
    ];

    const reply = await sendBatch(batchMessage(items));

    expect(reply.err).toBeUndefined();
    const results = reply.response!.results;
    expect(results.map(codeOf)).toEqual([
      'created',
      'EMAIL_TAKEN',
      'created',
      'PASSWORD_POLICY',
      'created',
      'SSO_ID_TAKEN',
      'GROUP_NOT_FOUND',
      'created',
      'EMAIL_TAKEN',
      'created',
    ]);
    // Named as the message names it (the document's field), not as the REST body does.
    const refused = results[3];
    expect(refused.ok ? [] : refused.error.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['sealedPassword']),
    );
    expect(refused.ok ? [] : refused.error.errors?.map((e) => e.field)).not.toContain('password');
    const created = results.flatMap((result, i) =>
      result.ok ? [{ result: result.reply, item: items[i] }] : [],
    );
    for (const { result, item: sent } of created) {
      expect(result).toMatchObject({ email: sent.email, groupId });
      expect(await accountsWithEmail(sent.email)).toEqual([{ id: result.id, state: 'active' }]);
      expect(
        (await stack.api.post('/api/v1/auth/login', { email: sent.email, password: GOOD_PASSWORD }))
          .status,
      ).toBe(200);
    }
    for (const i of [3, 5, 6]) expect(await accountsWithEmail(items[i].email)).toEqual([]);

    const events: string[] = [];
    await waitFor(
      async () => {
        const message = await broker.channel.get(spy, { noAck: true });
        const id = message && JSON.parse(message.content.toString()).technician.id;
        if (id && id !== existing.body.id) events.push(id);
        return events.length >= created.length && !message;
      },
      { what: 'the created events' },
    );
    expect(events.sort()).toEqual(created.map(({ result }) => result.id).sort());
    await expectConsistent();
  });

  it('answers a batch delivered five times at once, and once more later, with the same technicians, each made once', async () => {
    const items = Array.from({ length: 30 }, () => item());
    items[12] = item({ password: 'password' });
    const message = batchMessage(items);

    const replies = await Promise.all(Array.from({ length: 5 }, () => sendBatch(message)));
    replies.push(await sendBatch(message));

    const first = replies[0].response!.results;
    expect(first.map(codeOf).filter((code) => code !== 'created')).toEqual(['PASSWORD_POLICY']);
    for (const reply of replies) {
      expect(reply.err).toBeUndefined();
      expect(
        reply.response!.results.map((result) => (result.ok ? result.reply.id : result.error.code)),
      ).toEqual(first.map((result) => (result.ok ? result.reply.id : result.error.code)));
    }
    for (const [i, sent] of items.entries()) {
      expect(await accountsWithEmail(sent.email)).toHaveLength(i === 12 ? 0 : 1);
    }
    await expectConsistent();
  });

  it('gives an item the outcome of the single create of its key, and refuses its key with other fields for that item only', async () => {
    const single = item();
    const { groupId: singleGroup, ...fields } = single;
    const created = await sendBatch(
      packet(OrgPatterns.technicianCreate, { actor, groupId: singleGroup, ...fields }),
    );
    const id = (created.response as unknown as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const reused = { ...item(), idempotencyKey: single.idempotencyKey };
    const fresh = item();
    const reply = await sendBatch(
      batchMessage([
        { ...single, sealedPassword: await seal(GOOD_PASSWORD, sealingKey) },
        reused,
        fresh,
      ]),
    );

    const [same, refused, made] = reply.response!.results;
    expect(same).toMatchObject({ ok: true, reply: { id } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(made).toMatchObject({ ok: true, reply: { email: fresh.email } });
    expect(await accountsWithEmail(reused.email)).toEqual([]);
    await expectConsistent();
  });

  it("answers a batch sent again after its group moved out of the actor's reach with the first outcomes (not FORBIDDEN_GROUP)", async () => {
    const parent = await createGroup(stack.api, token);
    const child = await createGroup(stack.api, token, { parentId: parent.id });
    const elsewhere = await createGroup(stack.api, token);
    const admin = await createAdministrator(stack.api, token, {
      role: 'admin',
      groupIds: [parent.id],
    });
    const adminActor = { accountId: admin.id, organizationId: actor.organizationId, role: 'admin' };
    const items = [item({ groupId: child.id }), item({ groupId: child.id })];
    const send = (sent: Item[]) =>
      sendBatch(packet(OrgPatterns.technicianCreateBatch, { actor: adminActor, items: sent }));

    const first = await send(items);
    expect(first.response!.results.map(codeOf)).toEqual(['created', 'created']);
    const moved = await stack.api.request('PATCH', `/api/v1/groups/${child.id}`, {
      body: { parentId: elsewhere.id },
      token,
    });
    expect(moved.status).toBe(200);

    // Its reply lost, the batch comes again (its passwords sealed anew).
    const resealed = await Promise.all(
      items.map(async (sent) => ({
        ...sent,
        sealedPassword: await seal(GOOD_PASSWORD, sealingKey),
      })),
    );
    const again = await send(resealed);
    expect(again.response!.results).toEqual(first.response!.results);
    await expectConsistent();
  });

  it('refuses a batch whose actor may not create technicians as a whole, and one with an invalid item as MESSAGE_INVALID', async () => {
    const technician = await stack.api.post(
      `/api/v1/groups/${groupId}/technicians`,
      { name: 'Not An Admin', email: uniqueEmail('tech'), password: GOOD_PASSWORD },
      token,
    );
    const asTechnician = packet(OrgPatterns.technicianCreateBatch, {
      actor: { ...actor, accountId: technician.body.id, role: 'technician' },
      items: [item()],
    });
    expect((await sendBatch(asTechnician)).err).toMatchObject({ code: 'FORBIDDEN' });

    const invalid = packet(OrgPatterns.technicianCreateBatch, {
      actor,
      items: [item(), { ...item(), email: 'not an email' }],
    });
    const refused = await sendBatch(invalid);
    expect(refused.err).toMatchObject({
      code: 'MESSAGE_INVALID',
      errors: [expect.objectContaining({ field: 'items.1.email' })],
    });

    const tooMany = packet(OrgPatterns.technicianCreateBatch, {
      actor,
      items: Array.from({ length: 101 }, () => item()),
    });
    expect((await sendBatch(tooMany)).err).toMatchObject({ code: 'MESSAGE_INVALID' });
  });

  it('finishes each row exactly once when org dies with the batch at identity and the batch comes again', async () => {
    const items = Array.from({ length: 20 }, () => item());
    // The batch waits at identity (frozen) while org, which claimed its keys, is killed.
    stack.services.identity.pause();
    try {
      await broker.publish(commandQueueName(stack.env.prefix, 'org', 'bulk'), batchMessage(items));
      await waitFor(
        async () =>
          (
            await queryDatabase(
              stack.env.databases.org,
              `SELECT 1 FROM accounts WHERE email_normalized = ANY($1) AND state = 'provisioning'`,
              [items.map((i) => i.email)],
            )
          ).length === items.length,
        { what: 'org to reserve the batch' },
      );
      await stack.services.org.kill();
    } finally {
      stack.services.identity.resume();
    }
    await stack.services.org.start();

    // The unacknowledged batch came back to the new org, which finished every row.
    await waitFor(
      async () => {
        const states = await Promise.all(items.map((i) => accountsWithEmail(i.email)));
        return states.every((s) => s.length === 1 && s[0].state === 'active');
      },
      { timeoutMs: 60_000, what: 'every row of the batch to be active' },
    );
    const again = await sendBatch(batchMessage(items));
    expect(again.response!.results.every((result) => result.ok)).toBe(true);
    for (const sentItem of items) {
      expect(
        (
          await stack.api.post('/api/v1/auth/login', {
            email: sentItem.email,
            password: GOOD_PASSWORD,
          })
        ).status,
      ).toBe(200);
    }
    await expectConsistent();
  });

  it('ends the rows of an importer disabled mid-import UNAUTHENTICATED (org refuses their batches as a whole), and the import failed', async () => {
    const importer = await createAdministrator(stack.api, token, { role: 'master_admin' });
    const importerToken = await signInChangingPassword(
      stack.api,
      importer.email,
      importer.password,
    );
    const emails = Array.from({ length: MAX_IMPORT_ROWS }, () => uniqueEmail('disabled'));
    const upload = await uploadImport(
      stack,
      importerToken,
      csvImportFile(
        emails.map((email, i) => technicianRow(groupId, { email, password: `Disabled-${i}-Pw7#` })),
      ),
    );
    expect(upload.status).toBe(202);
    const disabled = await stack.api.request('PATCH', `/api/v1/administrators/${importer.id}`, {
      body: { enabled: false },
      token,
    });
    expect(disabled.status).toBe(200);

    const view = await waitForImport(stack, token, upload.body.id, 120_000);
    expect(view).toMatchObject({ status: 'failed', processed: MAX_IMPORT_ROWS });
    expect(view.failed).toBeGreaterThan(0);
    const rows = await queryDatabase<{ status: string; errors: { code: string }[] }>(
      stack.env.databases.import,
      'SELECT status, errors FROM import_rows WHERE import_id = $1',
      [upload.body.id],
    );
    const failedCodes = new Set(
      rows.filter((row) => row.status === 'failed').flatMap((row) => row.errors.map((e) => e.code)),
    );
    expect([...failedCodes]).toEqual(['UNAUTHENTICATED']);
    // The rows created before the importer was disabled exist, once each; the others not.
    const created = await queryDatabase<{ n: string }>(
      stack.env.databases.org,
      'SELECT count(*) AS n FROM accounts WHERE email_normalized = ANY($1)',
      [emails],
    );
    expect(Number(created[0].n)).toBe(view.succeeded);
    await expectConsistent();
  });
});
