import { randomUUID } from 'node:crypto';
import { eventsExchangeName, EventPatterns, OrgPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { packet } from '../../support/broker';
import {
  createAdministrator,
  createGroup,
  GOOD_PASSWORD,
  uniqueEmail,
} from '../../support/fixtures';
import { sharedSession } from '../../support/shared-session';
import { codeOf, Item } from '../../support/technician-batches';
import type { technicianBatchSession } from '../../support/technician-batches';
import { waitFor } from '../../support/wait-for';

/**
 * `org.technician.create-batch.v1`, sent as another service (or the import) would: each
 * item its own outcome.
 */
describe('Creating technicians in batches: each item its own outcome', () => {
  const { session, item, batchMessage, sendBatch, accountsWithEmail, expectConsistent } =
    sharedSession<ReturnType<typeof technicianBatchSession>>();

  it('has the events exchange from start-up: a subscriber binds to it before any event was published', async () => {
    const spy = `${session.stack.env.prefix}.early.${randomUUID()}`;
    await session.broker.channel.assertQueue(spy, { exclusive: true });
    // Not declared here, as a subscriber of another team would not: 404 NOT_FOUND before.
    await session.broker.channel.bindQueue(
      spy,
      eventsExchangeName(session.stack.env.prefix),
      'org.#',
    );
    await session.broker.channel.deleteQueue(spy);
  });

  it('applies the rows around refused ones: each item its own result, in order, and one event per technician', async () => {
    const spy = await session.broker.spyOnEvents(
      session.stack.env.prefix,
      EventPatterns.technicianCreated,
    );
    const existing = await session.stack.api.post(
      `/api/v1/groups/${session.groupId}/technicians`,
      {
        name: 'Already Here',
        email: uniqueEmail('taken'),
        ssoId: `sso-${randomUUID()}`,
        password: GOOD_PASSWORD,
      },
      session.token,
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
      expect(result).toMatchObject({ email: sent.email, groupId: session.groupId });
      expect(await accountsWithEmail(sent.email)).toEqual([{ id: result.id, state: 'active' }]);
      expect(
        (
          await session.stack.api.post('/api/v1/auth/login', {
            email: sent.email,
            password: GOOD_PASSWORD,
          })
        ).status,
      ).toBe(200);
    }
    for (const i of [3, 5, 6]) expect(await accountsWithEmail(items[i].email)).toEqual([]);

    const events: string[] = [];
    await waitFor(
      async () => {
        const message = await session.broker.channel.get(spy, { noAck: true });
        const id = message && JSON.parse(message.content.toString()).technician.id;
        if (id && id !== existing.body.id) events.push(id);
        return events.length >= created.length && !message;
      },
      { what: 'the created events' },
    );
    expect(events.sort()).toEqual(created.map(({ result }) => result.id).sort());
    await expectConsistent();
  });

  it('refuses with SSO_ID_TAKEN only the items whose SSO ID an administrator, or an earlier item, has; a taken email first', async () => {
    const ssoId = `sso-admin-${randomUUID()}`;
    const admin = await createAdministrator(session.stack.api, session.token, { ssoId });
    const twice = `sso-twice-${randomUUID()}`;
    const items = [
      item({ ssoId }),
      item({ ssoId: twice }),
      item({ ssoId: twice }),
      item({ email: admin.email, ssoId }),
      item(),
    ];

    const reply = await sendBatch(batchMessage(items));

    const results = reply.response!.results;
    expect(results.map(codeOf)).toEqual([
      'SSO_ID_TAKEN',
      'created',
      'SSO_ID_TAKEN',
      'EMAIL_TAKEN',
      'created',
    ]);
    expect(results[1]).toMatchObject({ ok: true, reply: { ssoId: twice } });
    for (const i of [0, 2]) expect(await accountsWithEmail(items[i].email)).toEqual([]);
    await expectConsistent();
  });

  it('gives an item the outcome of the single create of its key, and refuses its key with other fields for that item only', async () => {
    const single = item();
    const { groupId: singleGroup, ...fields } = single;
    const created = await sendBatch(
      packet(OrgPatterns.technicianCreate, {
        actor: session.master,
        groupId: singleGroup,
        ...fields,
      }),
    );
    const id = (created.response as unknown as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const reused = { ...item(), idempotencyKey: single.idempotencyKey };
    const fresh = item();
    const reply = await sendBatch(
      batchMessage([
        { ...single, sealedPassword: await seal(GOOD_PASSWORD, session.sealingKey) },
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
    const parent = await createGroup(session.stack.api, session.token);
    const child = await createGroup(session.stack.api, session.token, { parentId: parent.id });
    const elsewhere = await createGroup(session.stack.api, session.token);
    const admin = await createAdministrator(session.stack.api, session.token, {
      role: 'admin',
      groupIds: [parent.id],
    });
    const adminActor = {
      accountId: admin.id,
      organizationId: session.master.organizationId,
      role: 'admin',
    };
    const items = [item({ groupId: child.id }), item({ groupId: child.id })];
    const send = (sent: Item[]) =>
      sendBatch(packet(OrgPatterns.technicianCreateBatch, { actor: adminActor, items: sent }));

    const first = await send(items);
    expect(first.response!.results.map(codeOf)).toEqual(['created', 'created']);
    const moved = await session.stack.api.request('PATCH', `/api/v1/groups/${child.id}`, {
      body: { parentId: elsewhere.id },
      token: session.token,
    });
    expect(moved.status).toBe(200);

    // Its reply lost, the batch comes again (its passwords sealed anew).
    const resealed = await Promise.all(
      items.map(async (sent) => ({
        ...sent,
        sealedPassword: await seal(GOOD_PASSWORD, session.sealingKey),
      })),
    );
    const again = await send(resealed);
    expect(again.response!.results).toEqual(first.response!.results);
    await expectConsistent();
  });

  it('refuses a batch whose actor may not create technicians as a whole, and one with an invalid item as MESSAGE_INVALID', async () => {
    const technician = await session.stack.api.post(
      `/api/v1/groups/${session.groupId}/technicians`,
      { name: 'Not An Admin', email: uniqueEmail('tech'), password: GOOD_PASSWORD },
      session.token,
    );
    const asTechnician = packet(OrgPatterns.technicianCreateBatch, {
      actor: { ...session.master, accountId: technician.body.id, role: 'technician' },
      items: [item()],
    });
    expect((await sendBatch(asTechnician)).err).toMatchObject({ code: 'FORBIDDEN' });

    const invalid = packet(OrgPatterns.technicianCreateBatch, {
      actor: session.master,
      items: [item(), { ...item(), email: 'not an email' }],
    });
    const refused = await sendBatch(invalid);
    expect(refused.err).toMatchObject({
      code: 'MESSAGE_INVALID',
      errors: [expect.objectContaining({ field: 'items.1.email' })],
    });

    const tooMany = packet(OrgPatterns.technicianCreateBatch, {
      actor: session.master,
      items: Array.from({ length: 101 }, () => item()),
    });
    expect((await sendBatch(tooMany)).err).toMatchObject({ code: 'MESSAGE_INVALID' });
  });
});
