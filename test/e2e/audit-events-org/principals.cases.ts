import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AuditSession } from '../audit-events-org.e2e-spec';
import { queryDatabase } from '../../support/databases';
import { createAdministrator, createGroup, uniqueEmail } from '../../support/fixtures';
import { createOrganization } from '../../support/organizations';
import { rawPublicKey } from '../../support/service-assertions';
import { sharedSession } from '../../support/shared-session';
import { LOOPBACK } from './event-log';

const ROOT = path.resolve(__dirname, '../../..');

describe('Audit events of org: administrators, service principals, SCIM tokens, organizations', () => {
  const audit = sharedSession<AuditSession>();
  const api = () => audit.session.stack.api;
  const token = () => audit.session.token;
  const byMaster = () => ({
    principal: `accounts/${audit.session.master.accountId}`,
    channel: 'rest',
    origin: expect.stringMatching(LOOPBACK),
    organizationId: audit.session.master.organizationId,
  });

  it('records an administrator created, its role and groups changed, disabled, and its password set (no value)', async () => {
    const { log } = audit;
    const group = await createGroup(api(), token(), { name: 'Audit admins' });
    const admin = await createAdministrator(api(), token(), {
      name: 'Ada Admin',
      groupIds: [group.id],
    });
    const subject = `administrators/${admin.id}`;
    const created = await log.next('org.administrator.created.v1', subject);
    expect(created).toMatchObject(byMaster());
    expect(created.data).toEqual({
      target: { type: 'administrator', id: admin.id, name: 'Ada Admin' },
      groupPaths: [],
      administrator: {
        id: admin.id,
        name: 'Ada Admin',
        email: admin.email,
        ssoId: null,
        role: 'admin',
        groupIds: [group.id],
        enabled: true,
      },
    });
    expect(created.text).not.toContain(admin.password);

    const patch = (body: object) =>
      api().request('PATCH', `/api/v1/administrators/${admin.id}`, { token: token(), body });
    expect((await patch({ role: 'master_admin' })).status).toBe(200);
    const promoted = await log.next('org.administrator.updated.v1', subject);
    expect(promoted).toMatchObject(byMaster());
    expect(promoted.data.changes).toEqual([
      { field: 'role', before: 'admin', after: 'master_admin' },
      { field: 'groupIds', before: [group.id], after: [] },
    ]);

    expect((await patch({ enabled: false })).status).toBe(200);
    const disabled = await log.next('org.administrator.updated.v1', subject, (e) =>
      e.data.changes.some((c: { field: string }) => c.field === 'enabled'),
    );
    expect(disabled.data.changes).toEqual([{ field: 'enabled', before: true, after: false }]);

    const password = 'Admin-Set-Pass-93';
    expect((await patch({ password })).status).toBe(200);
    const set = await log.next('org.administrator.updated.v1', subject, (e) =>
      e.data.changes.some((c: { field: string }) => c.field === 'password'),
    );
    expect(set).toMatchObject(byMaster());
    expect(set.data.changes).toEqual([{ field: 'password', before: null, after: '(set)' }]);
    expect(set.text).not.toContain(password);
  });

  it('records a service principal created and disabled, with its name and never its key', async () => {
    const { log } = audit;
    const publicKey = rawPublicKey(generateKeyPairSync('ed25519').publicKey);
    const created = await api().post(
      '/api/v1/service-principals',
      { name: 'Audit feed', scopes: ['groups:read'], publicKey },
      token(),
    );
    expect(created.status).toBe(201);
    const subject = `service-principals/${created.body.id}`;
    const made = await log.next('org.service-principal.created.v1', subject);
    expect(made).toMatchObject(byMaster());
    expect(made.data).toEqual({
      target: { type: 'service-principal', id: created.body.id, name: 'Audit feed' },
      groupPaths: [],
      servicePrincipal: { id: created.body.id, name: 'Audit feed', scopes: ['groups:read'] },
    });
    expect(made.text).not.toContain(publicKey);

    const disable = `/api/v1/service-principals/${created.body.id}/disable`;
    expect((await api().post(disable, {}, token())).status).toBe(200);
    const disabled = await log.next('org.service-principal.disabled.v1', subject);
    expect(disabled).toMatchObject(byMaster());
    expect(disabled.data).toMatchObject({
      target: { type: 'service-principal', id: created.body.id, name: 'Audit feed' },
      changes: [{ field: 'enabled', before: true, after: false }],
    });
    // Disabling it again changes nothing: no second event (a later event shows the first was published).
    expect((await api().post(disable, {}, token())).status).toBe(200);
    const marker = await createGroup(api(), token());
    await log.next('org.group.created.v1', `groups/${marker.id}`);
    expect(log.about('org.service-principal.disabled.v1', subject)).toHaveLength(1);
  });

  it('records a SCIM token created and revoked, with its name and never its secret', async () => {
    const { log } = audit;
    const group = await createGroup(api(), token(), { name: 'Audit directory' });
    const made = await api().post(
      '/api/v1/scim/tokens',
      { name: 'Entra', groupId: group.id },
      token(),
    );
    expect(made.status).toBe(201);
    const subject = `scim-tokens/${made.body.id}`;
    const created = await log.next('org.scim-token.created.v1', subject);
    expect(created).toMatchObject(byMaster());
    expect(created.data).toEqual({
      target: { type: 'scim-token', id: made.body.id, name: 'Entra' },
      groupPaths: [],
      scimToken: { id: made.body.id, name: 'Entra', groupId: group.id },
    });
    expect(created.text).not.toContain(made.body.token);

    const revoked = await api().request('DELETE', `/api/v1/scim/tokens/${made.body.id}`, {
      token: token(),
    });
    expect(revoked.status).toBeLessThan(300);
    const event = await log.next('org.scim-token.revoked.v1', subject);
    expect(event).toMatchObject(byMaster());
    expect(event.data.target).toEqual({ type: 'scim-token', id: made.body.id, name: 'Entra' });
  });

  it("records an organization made by an operator's command, and a Master Administrator restored by one", async () => {
    const { log, session } = audit;
    const email = uniqueEmail('audit-org');
    const name = `Audit Org ${randomUUID().slice(0, 8)}`;
    const made = await createOrganization(session.stack, name, email, 'Audit-Org-Pass-42');
    const cli = {
      principal: `accounts/${made.administratorId}`,
      channel: 'cli',
      organizationId: made.organizationId,
    };
    const organization = await log.next(
      'org.organization.created.v1',
      `organizations/${made.organizationId}`,
    );
    expect(organization).toMatchObject({ ...cli, origin: 'org:create' });
    expect(organization.data).toEqual({
      target: { type: 'organization', id: made.organizationId, name },
      groupPaths: [],
      organization: { id: made.organizationId, name },
      administratorId: made.administratorId,
    });
    const first = await log.next(
      'org.administrator.created.v1',
      `administrators/${made.administratorId}`,
    );
    expect(first).toMatchObject({ ...cli, origin: 'org:create' });
    expect(first.data.administrator).toMatchObject({ email, role: 'master_admin', enabled: true });

    // Left without an enabled Master Administrator (by hand), then restored by the operator.
    await queryDatabase(
      session.stack.env.databases.org,
      'UPDATE accounts SET enabled = false WHERE id = $1',
      [made.administratorId],
    );
    await promisify(execFile)('npm', ['run', '-s', 'org:restore-master', '--', '--email', email], {
      cwd: ROOT,
      env: { ...process.env, ...session.stack.env.vars },
    });
    const restored = await log.next(
      'org.administrator.updated.v1',
      `administrators/${made.administratorId}`,
    );
    expect(restored).toMatchObject({ ...cli, origin: 'org:restore-master' });
    expect(restored.data.changes).toEqual([{ field: 'enabled', before: false, after: true }]);
  });
});
