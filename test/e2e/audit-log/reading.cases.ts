import { randomUUID } from 'node:crypto';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  signInChangingPassword,
} from '../../support/fixtures';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';
import { auditEvents, entriesOnceThere, publishEvent } from './audit-log-helpers';

describe('reading the log', () => {
  const session = sharedSession<StackSession>();

  it('shows an Administrator only the entries within its groups, a Master Administrator all, a technician nothing, and never another organization', async () => {
    const { stack, token, broker, master } = session;
    const top = await createGroup(stack.api, token);
    const managed = await createGroup(stack.api, token, { parentId: top.id });
    const below = await createGroup(stack.api, token, { parentId: managed.id });
    const elsewhere = await createGroup(stack.api, token);
    const administrator = await createAdministrator(stack.api, token, { groupIds: [managed.id] });
    const adminToken = await signInChangingPassword(
      stack.api,
      administrator.email,
      administrator.password,
    );

    const run = randomUUID();
    const publish = (name: string, groupPaths: string[], organizationId = master.organizationId) =>
      publishEvent(broker, stack, {
        organizationId,
        principal: `accounts/${master.accountId}`,
        channel: 'rest',
        origin: '203.0.113.9',
        data: { target: { type: 'technician', id: run, name }, groupPaths },
      });
    publish('in the managed group', [`/${top.id}/${managed.id}/`]);
    publish('below it', [`/${top.id}/${managed.id}/${below.id}/`]);
    publish('moved out of it', [`/${elsewhere.id}/`, `/${top.id}/${managed.id}/`]);
    publish('above it', [`/${top.id}/`]);
    publish('elsewhere', [`/${elsewhere.id}/`]);
    publish('organization-wide', []);
    publish('another organization', [`/${top.id}/${managed.id}/`], randomUUID());

    const all = await entriesOnceThere(stack, token, { target: run }, 6);
    expect(all.map((entry) => entry.target.name).sort()).toEqual(
      [
        'above it',
        'below it',
        'elsewhere',
        'in the managed group',
        'moved out of it',
        'organization-wide',
      ].sort(),
    );
    const seen = (await auditEvents(stack, adminToken, { target: run })).body.items;
    expect(seen.map((entry: any) => entry.target.name).sort()).toEqual(
      ['below it', 'in the managed group', 'moved out of it'].sort(),
    );

    const technician = await createTechnician(stack.api, token, top.id);
    const technicianToken = await signInChangingPassword(
      stack.api,
      technician.email,
      technician.password,
    );
    for (const path of ['/api/v1/audit-events', '/api/v1/audit-events.csv']) {
      const refused = await stack.api.get(path, technicianToken);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
  });

  it('filters by actor, target, type (exact and prefix) and time, and pages newest first with a cursor', async () => {
    const { stack, token, broker, master } = session;
    const target = randomUUID();
    const otherActor = randomUUID();
    const base = Date.now() - 60_000;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(
        publishEvent(broker, stack, {
          type: i % 2 === 0 ? 'org.technician.updated.v1' : 'org.group.updated.v1',
          organizationId: master.organizationId,
          time: new Date(base + i * 1000).toISOString(),
          principal: `accounts/${i === 6 ? otherActor : master.accountId}`,
          data: { target: { type: 'technician', id: target, name: `step ${i}` }, groupPaths: [] },
        }),
      );
    }
    const all = await entriesOnceThere(stack, token, { target }, 7);
    expect(all.map((entry) => entry.eventId)).toEqual([...ids].reverse());

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await auditEvents(stack, token, {
        target,
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      expect(response.status).toBe(200);
      pages.push(...response.body.items.map((entry: any) => entry.eventId));
      cursor = response.body.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([...ids].reverse());

    const names = async (query: Record<string, string>) =>
      (await auditEvents(stack, token, { target, ...query })).body.items.map(
        (entry: any) => entry.target.name,
      );
    expect(await names({ type: 'org.group.updated.v1' })).toEqual(['step 5', 'step 3', 'step 1']);
    expect(await names({ type: 'org.technician.*' })).toEqual([
      'step 6',
      'step 4',
      'step 2',
      'step 0',
    ]);
    expect(await names({ type: 'org.*' })).toHaveLength(7);
    expect(await names({ actor: otherActor })).toEqual(['step 6']);
    expect(
      await names({
        from: new Date(base + 2000).toISOString(),
        to: new Date(base + 4000).toISOString(),
      }),
    ).toEqual(['step 3', 'step 2']);
  });

  it.each([
    ['actor', { actor: 'not-a-uuid' }],
    ['target', { target: '42' }],
    ['type', { type: 'org.%' }],
    ['from', { from: 'yesterday' }],
    ['to', { to: '2026-13-01T00:00:00Z' }],
    ['limit', { limit: 201 }],
    ['limit', { limit: 0 }],
    ['cursor', { cursor: 'bm90IGEgY3Vyc29y' }],
  ])('refuses a bad %s with VALIDATION_FAILED naming it', async (field, query) => {
    const { stack, token } = session;
    const response = await auditEvents(stack, token, query);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((error: any) => error.field)).toContain(field);
  });

  it('exports the same entries as CSV, newest first, with every cell formula-safe', async () => {
    const { stack, token, broker, master } = session;
    const target = randomUUID();
    publishEvent(broker, stack, {
      organizationId: master.organizationId,
      principal: `accounts/${master.accountId}`,
      channel: 'rest',
      origin: '203.0.113.9',
      data: {
        target: { type: 'technician', id: target, name: '=HYPERLINK("http://evil.example","x")' },
        groupPaths: [],
        changes: [{ field: 'name', before: '+1 call me', after: '@SUM(A1)' }],
      },
    });
    publishEvent(broker, stack, {
      organizationId: master.organizationId,
      data: {
        target: { type: 'technician', id: target, name: 'Plain, with a comma' },
        groupPaths: [],
      },
    });
    await entriesOnceThere(stack, token, { target }, 2);
    const response = await stack.api.get(`/api/v1/audit-events.csv?target=${target}`, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = response.text
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'time,type,actor,actorName,channel,origin,targetType,targetId,targetName,changes',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"Plain, with a comma"');
    expect(lines[2]).toContain(`accounts/${master.accountId}`);
    expect(lines[2]).toContain(`'=HYPERLINK(`);
    expect(lines[2]).toContain('name: +1 call me → @SUM(A1)');
    for (const line of lines)
      expect(line.split(',').some((cell) => /^"?[=+@-]/.test(cell))).toBe(false);
  });

  it('keeps the retention in Global Settings: 400 days by default, 1..3650, Master Administrators only', async () => {
    const { stack, token } = session;
    expect((await stack.api.get('/api/v1/settings/audit', token)).body).toEqual({
      retentionDays: 400,
    });
    const set = await stack.api.request('PUT', '/api/v1/settings/audit', {
      body: { retentionDays: 30 },
      token,
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ retentionDays: 30 });
    expect((await stack.api.get('/api/v1/settings/audit', token)).body).toEqual({
      retentionDays: 30,
    });
    for (const retentionDays of [0, 3651, 'many', 1.5]) {
      const bad = await stack.api.request('PUT', '/api/v1/settings/audit', {
        body: { retentionDays },
        token,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.errors.map((error: any) => error.field)).toContain('retentionDays');
    }
    const group = await createGroup(stack.api, token);
    const administrator = await createAdministrator(stack.api, token, { groupIds: [group.id] });
    const adminToken = await signInChangingPassword(
      stack.api,
      administrator.email,
      administrator.password,
    );
    expect((await stack.api.get('/api/v1/settings/audit', adminToken)).status).toBe(403);
    expect(
      (
        await stack.api.request('PUT', '/api/v1/settings/audit', {
          body: { retentionDays: 5 },
          token: adminToken,
        })
      ).status,
    ).toBe(403);
    const restored = await stack.api.request('PUT', '/api/v1/settings/audit', {
      body: { retentionDays: 400 },
      token,
    });
    expect(restored.status).toBe(200);

    // Each change is in the log itself, before → after; saving a value unchanged is none.
    const unchanged = await stack.api.request('PUT', '/api/v1/settings/audit', {
      body: { retentionDays: 400 },
      token,
    });
    expect(unchanged.status).toBe(200);
    const type = 'audit.settings.updated.v1';
    const entries = await entriesOnceThere(stack, token, { type }, 2);
    expect(entries.map((entry) => entry.changes)).toEqual([
      [{ field: 'retentionDays', before: 30, after: 400 }],
      [{ field: 'retentionDays', before: 400, after: 30 }],
    ]);
    expect(entries[0]).toMatchObject({
      actor: { principal: `accounts/${session.master.accountId}` },
      channel: 'rest',
      target: { type: 'settings', id: 'audit', name: 'Audit log' },
    });
  });
});
