import { randomBytes } from 'node:crypto';
import { EventPatterns } from '@app/contracts';
import { EventsHeard, expectNoSecret } from '../support/events-heard';
import { createGroup, GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import { csvImportFile, ImportRowsHold, technicianRow, uploadImport } from '../support/imports';
import { stackSession } from '../support/stack-session';

/**
 * The audit events of Global Settings (the password policy, Single Sign-On) and of import
 * (started, completed, cancelled), heard on the events exchange as the audit service hears
 * them: who, how and from where, about what, what changed, and never a password or secret;
 * then each found once in the audit log.
 */
describe('Audit events of settings and imports', () => {
  // Behind one (pretend) proxy: each request states its client's address in X-Forwarded-For.
  const session = stackSession('auditsetimp', { broker: true, overrides: { TRUST_PROXY: '1' } });

  const heard = new EventsHeard(session);
  let groupId: string;

  beforeAll(async () => {
    await heard.listen();
    groupId = (await createGroup(session.stack.api, session.token)).id;
  });

  it('records the password policy saved, each field changed before and after', async () => {
    const current = (await session.stack.api.get('/api/v1/settings/password-policy', session.token))
      .body;
    const maxAgeDays = current.maxAgeDays === 90 ? 120 : 90;
    const next = { ...current, rejectCommonPasswords: !current.rejectCommonPasswords, maxAgeDays };

    const saved = await session.stack.api.request('PUT', '/api/v1/settings/password-policy', {
      body: next,
      token: session.token,
      headers: { 'x-forwarded-for': '203.0.113.50' },
    });
    expect(saved.status).toBe(200);

    const e = await heard.event(EventPatterns.passwordPolicyUpdated);
    const principal = `accounts/${session.master.accountId}`;
    heard.expectEnvelope(e, principal, 'rest', 'settings/password-policy');
    expect(e.headers['cloudEvents:origin']).toBe('203.0.113.50');
    expect(e.data.target).toEqual({
      type: 'settings',
      id: 'password-policy',
      name: 'Password policy',
    });
    expect(e.data.groupPaths).toEqual([]);
    expect(e.data.changes).toEqual([
      {
        field: 'rejectCommonPasswords',
        before: current.rejectCommonPasswords,
        after: !current.rejectCommonPasswords,
      },
      { field: 'maxAgeDays', before: current.maxAgeDays, after: maxAgeDays },
    ]);
    expect(e.data.policy).toMatchObject(next);
  });

  it('records the Single Sign-On settings saved, the client secret only as (set)', async () => {
    const secret = `client-secret-${randomBytes(8).toString('hex')}`;
    const oidc = {
      issuer: 'https://login.example.com/tenant/v2.0',
      clientId: 'rescue-admin',
      clientSecret: secret,
    };
    const put = (body: unknown) =>
      session.stack.api.request('PUT', '/api/v1/settings/sso', {
        body,
        token: session.token,
        headers: { 'x-forwarded-for': '203.0.113.60' },
      });

    expect(
      (await put({ mode: 'optional', protocol: 'oidc', oidc, breakGlassAccountIds: [] })).status,
    ).toBe(200);
    const first = await heard.event(EventPatterns.ssoSettingsUpdated);
    heard.expectEnvelope(first, `accounts/${session.master.accountId}`, 'rest', 'settings/sso');
    expect(first.headers['cloudEvents:origin']).toBe('203.0.113.60');
    expect(first.data.target).toEqual({ type: 'settings', id: 'sso', name: 'Single Sign-On' });
    expect(first.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'mode', before: 'off', after: 'optional' },
        { field: 'protocol', before: null, after: 'oidc' },
        { field: 'oidc.issuer', before: null, after: oidc.issuer },
        { field: 'clientSecret', before: null, after: '(set)' },
      ]),
    );
    expectNoSecret(first, secret);

    // Saved again without a secret (the saved one stays): no secret change, the claim's is.
    const { clientSecret: _, ...withoutSecret } = oidc;
    expect(
      (
        await put({
          mode: 'optional',
          protocol: 'oidc',
          oidc: { ...withoutSecret, ssoIdClaim: 'email' },
          breakGlassAccountIds: [],
        })
      ).status,
    ).toBe(200);
    const second = await heard.event(EventPatterns.ssoSettingsUpdated, (x) => x !== first);
    expect(second.data.changes).toEqual([
      { field: 'oidc.ssoIdClaim', before: null, after: 'email' },
    ]);
    expectNoSecret(second, secret);
  });

  it('records an import started (at upload) and completed (as the import, for its administrator)', async () => {
    const password = `Im-${randomBytes(4).toString('hex')}-5Z`;
    const fileName = `audit-${randomBytes(3).toString('hex')}.csv`;
    const file = csvImportFile([
      technicianRow(groupId, { email: uniqueEmail('imported'), password }),
      technicianRow(groupId, { email: 'not-an-email', password }),
    ]);

    const upload = await uploadImport(session.stack, session.token, file, { fileName });
    expect(upload.status).toBe(202);
    const id = upload.body.id as string;

    const started = await heard.event(EventPatterns.importStarted, (x) => x.data.importId === id);
    const principal = `accounts/${session.master.accountId}`;
    heard.expectEnvelope(started, principal, 'rest', `imports/${id}`);
    expect(started.headers['cloudEvents:source']).toBe('/rescue-admin-center/import');
    expect(started.data).toEqual({
      target: { type: 'import', id, name: fileName },
      groupPaths: [],
      importId: id,
      fileName,
      format: 'csv',
      total: 2,
      dryRun: false,
      groupId: null,
    });

    const completed = await heard.event(
      EventPatterns.importCompleted,
      (x) => x.data.importId === id,
    );
    heard.expectEnvelope(completed, principal, 'import', `imports/${id}`);
    expect(completed.headers['cloudEvents:origin']).toBe(`imports/${id}`);
    expect(completed.data).toMatchObject({
      target: { type: 'import', id, name: fileName },
      groupPaths: [],
      status: 'completed',
      total: 2,
      succeeded: 1,
      failed: 1,
    });
    expectNoSecret(started, password);
    expectNoSecret(completed, password);
  });

  it('records an import cancelled by its administrator, before the completed that ends it', async () => {
    const batches = ImportRowsHold.open(session.stack);
    try {
      await batches.hold();
      const fileName = `cancel-${randomBytes(3).toString('hex')}.csv`;
      const file = csvImportFile(
        [1, 2, 3].map(() =>
          technicianRow(groupId, { email: uniqueEmail('cancelled'), password: GOOD_PASSWORD }),
        ),
      );
      const upload = await uploadImport(session.stack, session.token, file, { fileName });
      expect(upload.status).toBe(202);
      const id = upload.body.id as string;

      const cancel = await session.stack.api.request('POST', `/api/v1/imports/${id}/cancel`, {
        body: {},
        token: session.token,
        headers: { 'x-forwarded-for': '203.0.113.70' },
      });
      expect(cancel.status).toBe(200);

      const cancelled = await heard.event(
        EventPatterns.importCancelled,
        (x) => x.data.importId === id,
      );
      heard.expectEnvelope(
        cancelled,
        `accounts/${session.master.accountId}`,
        'rest',
        `imports/${id}`,
      );
      expect(cancelled.headers['cloudEvents:origin']).toBe('203.0.113.70');
      expect(cancelled.data).toEqual({
        target: { type: 'import', id, name: fileName },
        groupPaths: [],
        importId: id,
      });
      const completed = await heard.event(
        EventPatterns.importCompleted,
        (x) => x.data.importId === id,
      );
      expect(completed.data.status).toBe('cancelled');
      expect(heard.all.indexOf(cancelled)).toBeLessThan(heard.all.indexOf(completed));
    } finally {
      await batches.release();
      await batches.close();
    }
  });

  it('holds each of these events in the audit log, once, as heard', async () => {
    await heard.expectEachInTheLog();
  });
});
