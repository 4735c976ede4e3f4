import type { AuditSession } from '../audit-events-org.e2e-spec';
import { createGroup, createTechnician } from '../../support/fixtures';
import { sharedSession } from '../../support/shared-session';
import { LOOPBACK } from './event-log';

describe('Audit events of org: technicians and groups changed over REST', () => {
  const audit = sharedSession<AuditSession>();
  const api = () => audit.session.stack.api;
  const token = () => audit.session.token;
  const byMaster = () => ({
    principal: `accounts/${audit.session.master.accountId}`,
    channel: 'rest',
    origin: expect.stringMatching(LOOPBACK),
    organizationId: audit.session.master.organizationId,
  });

  it('records a group created, renamed and re-permissioned, moved and deleted, with its paths', async () => {
    const { log } = audit;
    const a = await createGroup(api(), token(), { name: 'Audit A', permissions: ['Chat'] });
    const b = await createGroup(api(), token(), { name: 'Audit B' });
    const created = await log.next('org.group.created.v1', `groups/${a.id}`);
    expect(created).toMatchObject(byMaster());
    expect(created.data).toMatchObject({
      target: { type: 'group', id: a.id, name: 'Audit A' },
      groupPaths: [`/${a.id}/`],
      group: { id: a.id, name: 'Audit A', parentId: null, permissions: ['Chat'] },
    });

    const patched = await api().request('PATCH', `/api/v1/groups/${a.id}`, {
      token: token(),
      body: { name: 'Audit A renamed', permissions: ['Chat', 'RemoteControl'] },
    });
    expect(patched.status).toBe(200);
    const updated = await log.next('org.group.updated.v1', `groups/${a.id}`);
    expect(updated).toMatchObject(byMaster());
    expect(updated.data).toMatchObject({
      target: { type: 'group', id: a.id, name: 'Audit A renamed' },
      groupPaths: [`/${a.id}/`],
      changes: [
        { field: 'name', before: 'Audit A', after: 'Audit A renamed' },
        { field: 'permissions', before: ['Chat'], after: ['Chat', 'RemoteControl'] },
      ],
    });

    const child = await createGroup(api(), token(), { name: 'Audit child', parentId: a.id });
    await log.next('org.group.created.v1', `groups/${child.id}`, (e) =>
      expect.arrayContaining([`/${a.id}/${child.id}/`]).asymmetricMatch(e.data.groupPaths),
    );
    const moved = await api().request('PATCH', `/api/v1/groups/${child.id}`, {
      token: token(),
      body: { parentId: b.id },
    });
    expect(moved.status).toBe(200);
    const move = await log.next('org.group.moved.v1', `groups/${child.id}`);
    expect(move).toMatchObject(byMaster());
    expect(move.data).toMatchObject({
      target: { type: 'group', id: child.id, name: 'Audit child' },
      changes: [{ field: 'parentId', before: a.id, after: b.id }],
      groupId: child.id,
      fromParentId: a.id,
      toParentId: b.id,
    });
    expect([...move.data.groupPaths].sort()).toEqual(
      [`/${a.id}/${child.id}/`, `/${b.id}/${child.id}/`, `/${a.id}/`, `/${b.id}/`].sort(),
    );
    // A move alone changes no name, description or permissions: no updated event.
    expect(log.about('org.group.updated.v1', `groups/${child.id}`)).toEqual([]);

    expect(
      (await api().request('DELETE', `/api/v1/groups/${child.id}`, { token: token() })).status,
    ).toBe(204);
    const deleted = await log.next('org.group.deleted.v1', `groups/${child.id}`);
    expect(deleted).toMatchObject(byMaster());
    expect(deleted.data).toMatchObject({
      target: { type: 'group', id: child.id, name: 'Audit child' },
      groupPaths: [`/${b.id}/${child.id}/`],
      groupId: child.id,
    });
  });

  it("records a technician's life: created, updated (enabled off), moved, password reset, deleted", async () => {
    const { log } = audit;
    const from = await createGroup(api(), token(), { name: 'Audit from' });
    const to = await createGroup(api(), token(), { name: 'Audit to' });
    const tech = await createTechnician(api(), token(), from.id, { name: 'Bob Audit' });
    const subject = `technicians/${tech.id}`;

    const created = await log.next('org.technician.created.v1', subject);
    expect(created).toMatchObject(byMaster());
    expect(created.data).toMatchObject({
      target: { type: 'technician', id: tech.id, name: 'Bob Audit' },
      groupPaths: [`/${from.id}/`],
      technician: { id: tech.id, name: 'Bob Audit', groupId: from.id },
    });

    const patched = await api().request('PATCH', `/api/v1/technicians/${tech.id}`, {
      token: token(),
      body: { enabled: false, name: 'Bob Audited' },
    });
    expect(patched.status).toBe(200);
    const updated = await log.next('org.technician.updated.v1', subject);
    expect(updated).toMatchObject(byMaster());
    expect(updated.data).toMatchObject({
      target: { type: 'technician', id: tech.id, name: 'Bob Audited' },
      groupPaths: [`/${from.id}/`],
      changed: expect.arrayContaining(['name', 'enabled']),
    });
    expect(updated.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: 'Bob Audit', after: 'Bob Audited' },
        { field: 'enabled', before: true, after: false },
      ]),
    );
    expect(updated.data.changes).toHaveLength(2);

    const moved = await api().post(
      `/api/v1/technicians/${tech.id}/move`,
      { groupId: to.id },
      token(),
    );
    expect(moved.status).toBe(200);
    const move = await log.next('org.technician.moved.v1', subject);
    expect(move).toMatchObject(byMaster());
    expect(move.data).toMatchObject({
      target: { type: 'technician', id: tech.id, name: 'Bob Audited' },
      groupPaths: [`/${from.id}/`, `/${to.id}/`],
      changes: [{ field: 'groupId', before: from.id, after: to.id }],
    });

    const password = 'Reset-Audit-Pass-77';
    const reset = await api().post(
      `/api/v1/technicians/${tech.id}/password`,
      { password },
      token(),
    );
    expect(reset.status).toBe(204);
    const resetEvent = await log.next('org.technician.password-reset.v1', subject);
    expect(resetEvent).toMatchObject(byMaster());
    expect(resetEvent.data).toEqual({
      target: { type: 'technician', id: tech.id, name: 'Bob Audited' },
      groupPaths: [`/${to.id}/`],
      technicianId: tech.id,
    });
    expect(resetEvent.text).not.toContain(password);

    const deleted = await api().request('DELETE', `/api/v1/technicians/${tech.id}`, {
      token: token(),
    });
    expect(deleted.status).toBe(204);
    // Deleted later (identity's revoke first), by whom and from where the REST call came.
    const gone = await log.next('org.technician.deleted.v1', subject);
    expect(gone).toMatchObject(byMaster());
    expect(gone.data).toMatchObject({
      target: { type: 'technician', id: tech.id, name: 'Bob Audited' },
      groupPaths: [`/${to.id}/`],
      technicianId: tech.id,
    });
  });
});
