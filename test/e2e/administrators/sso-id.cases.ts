import { randomUUID } from 'node:crypto';
import { commandQueueName, OrgPatterns } from '@app/contracts';
import { administratorRequests } from '../../support/administrator-requests';
import { packet } from '../../support/broker';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  uniqueEmail,
} from '../../support/fixtures';
import { createOrganization } from '../../support/organizations';
import { expectProblem } from '../../support/problems';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

/**
 * The Single Sign-On ID (issue 22): one account of either role per SSO ID in an organization,
 * and org's `org.account.lookup-by-sso-id.v1`, which a Single Sign-On sign-in asks.
 */
describe('Administrators: the Single Sign-On ID, unique among every account of an organization', () => {
  const session = sharedSession<StackSession>();
  const { changePassword, listAll, patch } = administratorRequests(session);
  const sso = (label: string) => `${label}-${randomUUID()}`;
  const postAdministrator = (body: Record<string, unknown>, token = session.token) =>
    session.stack.api.post(
      '/api/v1/administrators',
      {
        name: 'SSO Administrator',
        email: uniqueEmail('sso'),
        password: GOOD_PASSWORD,
        role: 'master_admin',
        groupIds: [],
        ...body,
      },
      token,
    );
  const postTechnician = (groupId: string, body: Record<string, unknown>, token = session.token) =>
    session.stack.api.post(
      `/api/v1/groups/${groupId}/technicians`,
      { name: 'SSO Technician', email: uniqueEmail('sso'), password: GOOD_PASSWORD, ...body },
      token,
    );
  /** What org answers `org.account.lookup-by-sso-id.v1`, sent as our own services send it. */
  async function lookup(organizationId: string, ssoId: string) {
    const reply = await session.broker.publish(
      commandQueueName(session.stack.env.prefix, 'org'),
      packet(OrgPatterns.accountLookupBySsoId, { organizationId, ssoId }),
      { reply: true },
    );
    return reply?.err ? { code: reply.err.code } : reply?.response;
  }
  /** A further organization (org:create CLI) and a token of its Master Administrator. */
  async function anotherOrganization(): Promise<{ organizationId: string; token: string }> {
    const email = uniqueEmail('sso-master');
    const { organizationId } = await createOrganization(
      session.stack,
      `SSO Organization ${randomUUID()}`,
      email,
      GOOD_PASSWORD,
    );
    return {
      organizationId,
      token: await changePassword(email, GOOD_PASSWORD, 'Sso-Master-Pass-8'),
    };
  }

  it('creates an administrator with an SSO ID (trimmed) and answers it in the reply and the list', async () => {
    const ssoId = sso('admin');
    const created = await postAdministrator({ ssoId: `  ${ssoId} ` });

    expect(created.status).toBe(201);
    expect(created.body.ssoId).toBe(ssoId);
    const listed = (await listAll(session.token)).find((a) => a.id === created.body.id);
    expect(listed?.ssoId).toBe(ssoId);
    // None: null, and an empty one is none.
    expect((await createAdministrator(session.stack.api, session.token)).ssoId).toBeNull();
    expect(
      (await createAdministrator(session.stack.api, session.token, { ssoId: '' })).ssoId,
    ).toBeNull();
  });

  it("changes an administrator's SSO ID with PATCH, and an empty one removes it", async () => {
    const admin = await createAdministrator(session.stack.api, session.token, {
      role: 'master_admin',
    });
    const ssoId = sso('patched');

    const set = await patch(admin.id, { ssoId });
    expect(set.status).toBe(200);
    expect(set.body.ssoId).toBe(ssoId);
    const removed = await patch(admin.id, { ssoId: '' });
    expect(removed.status).toBe(200);
    expect(removed.body.ssoId).toBeNull();
    // Once removed, another account may take it.
    expect((await postAdministrator({ ssoId })).status).toBe(201);
  });

  it('answers 400 VALIDATION_FAILED naming ssoId for one longer than 128 characters or of two lines', async () => {
    for (const ssoId of ['s'.repeat(129), 'two\nlines']) {
      const response = await postAdministrator({ ssoId });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'ssoId' })]),
      );
    }
  });

  it('refuses an administrator the SSO ID of a technician of the organization with 409 SSO_ID_TAKEN, on create and on update', async () => {
    const group = await createGroup(session.stack.api, session.token);
    const ssoId = sso('tech-first');
    await createTechnician(session.stack.api, session.token, group.id, { ssoId });
    const admin = await createAdministrator(session.stack.api, session.token, {
      role: 'master_admin',
    });

    const created = await postAdministrator({ ssoId });
    expectProblem(created, 409, 'SSO_ID_TAKEN', 'ssoId');
    expect(created.body.errors).toEqual([
      expect.objectContaining({ field: 'ssoId', code: 'SSO_ID_TAKEN' }),
    ]);
    expectProblem(await patch(admin.id, { ssoId }), 409, 'SSO_ID_TAKEN');
    // And of another administrator.
    const other = sso('admin-first');
    expect((await postAdministrator({ ssoId: other })).status).toBe(201);
    expectProblem(await postAdministrator({ ssoId: other }), 409, 'SSO_ID_TAKEN');
  });

  it('refuses a technician the SSO ID of an administrator of the organization with 409 SSO_ID_TAKEN, on create, dry run and update', async () => {
    const group = await createGroup(session.stack.api, session.token);
    const ssoId = sso('admin-first');
    expect((await postAdministrator({ ssoId })).status).toBe(201);
    const technician = await createTechnician(session.stack.api, session.token, group.id);

    expectProblem(await postTechnician(group.id, { ssoId }), 409, 'SSO_ID_TAKEN');
    // The dry run an import makes of each row (over AMQP only).
    const dryRun = await session.broker.publish(
      commandQueueName(session.stack.env.prefix, 'org'),
      packet(OrgPatterns.technicianCreate, {
        actor: session.master,
        groupId: group.id,
        name: 'Dry Run',
        email: uniqueEmail('dry'),
        ssoId,
        dryRun: true,
        idempotencyKey: `test:${randomUUID()}`,
      }),
      { reply: true },
    );
    expect(dryRun?.err?.code).toBe('SSO_ID_TAKEN');
    expectProblem(
      await session.stack.api.request('PATCH', `/api/v1/technicians/${technician.id}`, {
        body: { ssoId },
        token: session.token,
      }),
      409,
      'SSO_ID_TAKEN',
    );
  });

  it('accepts in another organization an SSO ID this one uses, for an administrator and a technician', async () => {
    const group = await createGroup(session.stack.api, session.token);
    const [adminSso, techSso] = [sso('shared-admin'), sso('shared-tech')];
    expect((await postAdministrator({ ssoId: adminSso })).status).toBe(201);
    await createTechnician(session.stack.api, session.token, group.id, { ssoId: techSso });
    const other = await anotherOrganization();
    const otherGroup = await createGroup(session.stack.api, other.token);

    const admin = await postAdministrator({ ssoId: techSso }, other.token);
    expect(admin.status).toBe(201);
    expect(admin.body).toMatchObject({ organizationId: other.organizationId, ssoId: techSso });
    const technician = await postTechnician(otherGroup.id, { ssoId: adminSso }, other.token);
    expect(technician.status).toBe(201);
    expect(technician.body.ssoId).toBe(adminSso);
  });

  it("looks an account up by (organization, SSO ID): an administrator's or a technician's standing, ACCOUNT_NOT_FOUND otherwise", async () => {
    const group = await createGroup(session.stack.api, session.token);
    const [adminSso, techSso, elsewhere] = [
      sso('lookup-admin'),
      sso('lookup-tech'),
      sso('lookup-other'),
    ];
    const admin = await postAdministrator({ ssoId: adminSso, role: 'admin', groupIds: [group.id] });
    const technician = await createTechnician(session.stack.api, session.token, group.id, {
      ssoId: techSso,
      enabled: false,
    });
    const other = await anotherOrganization();
    expect((await postAdministrator({ ssoId: elsewhere }, other.token)).status).toBe(201);
    const org = session.master.organizationId;

    expect(await lookup(org, adminSso)).toEqual({
      accountId: admin.body.id,
      organizationId: org,
      role: 'admin',
      enabled: true,
    });
    expect(await lookup(org, techSso)).toEqual({
      accountId: technician.id,
      organizationId: org,
      role: 'technician',
      enabled: false,
    });
    expect(await lookup(org, sso('unknown'))).toEqual({ code: 'ACCOUNT_NOT_FOUND' });
    // Compared exactly, as the identity provider says it.
    expect(await lookup(org, adminSso.toUpperCase())).toEqual({ code: 'ACCOUNT_NOT_FOUND' });
    // Another organization's SSO ID, asked for this one; and this one's, asked for the other.
    expect(await lookup(org, elsewhere)).toEqual({ code: 'ACCOUNT_NOT_FOUND' });
    expect(await lookup(other.organizationId, adminSso)).toEqual({ code: 'ACCOUNT_NOT_FOUND' });
    expect(await lookup(other.organizationId, elsewhere)).toMatchObject({
      organizationId: other.organizationId,
      role: 'master_admin',
    });
    expect(await lookup(org, '')).toEqual({ code: 'MESSAGE_INVALID' });
    expect(await lookup('not-a-uuid', adminSso)).toEqual({ code: 'MESSAGE_INVALID' });
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for a create repeated under its key with another SSO ID', async () => {
    const key = randomUUID();
    const body = {
      name: 'Keyed',
      email: uniqueEmail('keyed'),
      password: GOOD_PASSWORD,
      role: 'master_admin',
      groupIds: [],
    };
    const send = (ssoId: string) =>
      session.stack.api.request('POST', '/api/v1/administrators', {
        body: { ...body, ssoId },
        token: session.token,
        headers: { 'idempotency-key': key },
      });
    const ssoId = sso('keyed');

    const first = await send(ssoId);
    expect(first.status).toBe(201);
    expect((await send(ssoId)).body.id).toBe(first.body.id);
    expectProblem(await send(sso('other')), 422, 'IDEMPOTENCY_KEY_REUSED');
  });
});
