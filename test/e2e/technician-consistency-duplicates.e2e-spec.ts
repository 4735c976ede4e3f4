import { randomUUID } from 'node:crypto';
import { commandQueueName, OrgPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { packet } from '../support/broker';
import { queryDatabase } from '../support/databases';
import {
  createAdministrator,
  createGroup,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { technicianCreateSession } from '../support/technician-creates';

/**
 * The email stays unique under concurrency; a create delivered twice, or sent again with its
 * Idempotency-Key, makes one technician.
 */
describe('Creating technicians: one technician however often it is asked for', () => {
  const { session, create, createWithKey, expectConsistent, sealingKey } = technicianCreateSession(
    'consistency-dup',
    2000,
  );

  it('gives exactly one 201 for 20 concurrent creates of one email (the others 409 EMAIL_TAKEN)', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        create({ name: `Racer ${i}`, email: i % 2 ? email : email.toUpperCase() }),
      ),
    );

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(
      responses.filter((r) => r.status === 409).every((r) => r.body.code === 'EMAIL_TAKEN'),
    ).toBe(true);
    const rows = await queryDatabase(
      session.stack.env.databases.org,
      'SELECT id FROM accounts WHERE email_normalized = $1',
      [email.toLowerCase()],
    );
    expect(rows).toHaveLength(1);
    await expectConsistent();
  });

  it('makes one technician from a create message delivered twice, and answers both with it', async () => {
    const key = await sealingKey();
    const email = uniqueEmail('twice');
    const command = {
      actor: session.master,
      groupId: session.groupId,
      name: 'Delivered Twice',
      email,
      sealedPassword: await seal(GOOD_PASSWORD, key),
      idempotencyKey: `test:${randomUUID()}`,
    };
    const message = packet(OrgPatterns.technicianCreate, command);
    const orgQueue = commandQueueName(session.stack.env.prefix, 'org');

    const [first, second] = await Promise.all([
      session.broker.publish(orgQueue, message, { reply: true }),
      session.broker.publish(orgQueue, message, { reply: true }),
    ]);
    const third = await session.broker.publish(orgQueue, message, { reply: true });

    const ids = [first, second, third].map(
      (reply) => (reply?.response as { id?: string } | undefined)?.id,
    );
    expect(ids[0]).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(new Set(ids).size).toBe(1);
    expect(
      await queryDatabase(
        session.stack.env.databases.org,
        'SELECT id FROM accounts WHERE email_normalized = $1',
        [email],
      ),
    ).toHaveLength(1);
    await expectConsistent();
  });

  it('refuses the same idempotency key with other fields (IDEMPOTENCY_KEY_REUSED) and replays it with the same', async () => {
    const key = `retry-${randomUUID()}`;
    const email = uniqueEmail('idem');
    const body = { name: 'Idempotent', email, password: GOOD_PASSWORD };
    const send = (b: object) => createWithKey(key, b);

    const first = await send(body);
    const repeat = await send(body);
    const other = await send({ ...body, name: 'Someone Else' });

    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body.id).toBe(first.body.id);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses the same idempotency key with another password (IDEMPOTENCY_KEY_REUSED), and replays it with the same password sealed anew', async () => {
    const key = `password-${randomUUID()}`;
    const body = { name: 'Password Keyed', email: uniqueEmail('idempw'), password: GOOD_PASSWORD };
    const send = (b: object) => createWithKey(key, b);

    const first = await send(body);
    const otherPassword = await send({ ...body, password: `${GOOD_PASSWORD}-Other` });
    const samePassword = await send(body);

    expect(first.status).toBe(201);
    expect(otherPassword.status).toBe(422);
    expect(otherPassword.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(samePassword.status).toBe(201);
    expect(samePassword.body.id).toBe(first.body.id);
  });

  it('answers a key with its first outcome after the technician it made was deleted, and makes no second one', async () => {
    const key = `outlives-${randomUUID()}`;
    const body = { name: 'Short Lived', email: uniqueEmail('outlives'), password: GOOD_PASSWORD };
    const send = () => createWithKey(key, body);

    const first = await send();
    expect(first.status).toBe(201);
    const deleted = await session.stack.api.request(
      'DELETE',
      `/api/v1/technicians/${first.body.id}`,
      {
        token: session.token,
      },
    );
    expect(deleted.status).toBe(204);

    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(
      await queryDatabase(
        session.stack.env.databases.org,
        'SELECT id FROM accounts WHERE email_normalized = $1',
        [body.email],
      ),
    ).toEqual([]);
  });

  it('answers a create retried after its group was deleted with its first outcome (not GROUP_NOT_FOUND), and another administrator with the same key 422', async () => {
    const doomed = await createGroup(session.stack.api, session.token);
    const key = `group-gone-${randomUUID()}`;
    const body = { name: 'Group Gone', email: uniqueEmail('groupgone'), password: GOOD_PASSWORD };
    const send = (as: string) =>
      session.stack.api.request('POST', `/api/v1/groups/${doomed.id}/technicians`, {
        body,
        token: as,
        headers: { 'idempotency-key': key },
      });

    const first = await send(session.token);
    expect(first.status).toBe(201);
    // Another Master Administrator of the organization never reads that outcome.
    const other = await createAdministrator(session.stack.api, session.token, {
      role: 'master_admin',
    });
    const otherToken = await signInChangingPassword(session.stack.api, other.email, other.password);
    const theirs = await send(otherToken);
    expect(theirs.status).toBe(422);
    expect(theirs.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(theirs.text).not.toContain(first.body.id);

    const removed = await session.stack.api.request(
      'DELETE',
      `/api/v1/technicians/${first.body.id}`,
      {
        token: session.token,
      },
    );
    expect(removed.status).toBe(204);
    expect(
      (
        await session.stack.api.request('DELETE', `/api/v1/groups/${doomed.id}`, {
          token: session.token,
        })
      ).status,
    ).toBe(204);

    const retried = await send(session.token);
    expect({ status: retried.status, body: retried.body }).toEqual({
      status: 201,
      body: first.body,
    });
  });

  it('takes explicit defaults for the same request as left-out fields under one key, and a changed flag as another (422)', async () => {
    const key = `defaults-${randomUUID()}`;
    const body = { name: 'Defaults', email: uniqueEmail('defaults'), password: GOOD_PASSWORD };

    const first = await createWithKey(key, body);
    const explicit = await createWithKey(key, {
      ...body,
      nickname: '',
      ssoId: '',
      description: '',
      enabled: true,
      standardLicense: true,
      mobileLicense: false,
    });
    const changed = await createWithKey(key, { ...body, mobileLicense: true });

    expect(first.status).toBe(201);
    expect({ status: explicit.status, body: explicit.body }).toEqual({
      status: 201,
      body: first.body,
    });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    ['194', 194],
    ['200 (the longest the API takes)', 200],
  ])('accepts an Idempotency-Key of %s characters and replays it', async (_, length) => {
    const key = `k${randomUUID().replace(/-/g, '')}`.padEnd(length, 'x');
    const body = { name: 'Long Key', email: uniqueEmail('longkey'), password: GOOD_PASSWORD };
    const send = () => createWithKey(key, body);

    const first = await send();
    const repeat = await send();

    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body.id).toBe(first.body.id);
  });

  it('refuses an Idempotency-Key of 201 characters at the edge, naming the header and no internal class', async () => {
    const response = await session.stack.api.request(
      'POST',
      `/api/v1/groups/${session.groupId}/technicians`,
      {
        body: { name: 'Too Long Key', email: uniqueEmail('toolong'), password: GOOD_PASSWORD },
        token: session.token,
        headers: { 'idempotency-key': 'k'.repeat(201) },
      },
    );

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'Idempotency-Key', code: 'INVALID' }),
    ]);
    expect(response.text).not.toMatch(/Command|Query|payload/);
    expect(
      await session.broker.messageCount(
        `${commandQueueName(session.stack.env.prefix, 'org')}.dead`,
      ),
    ).toBe(0);
  });
});
