import { randomBytes } from 'node:crypto';
import { createAdministrator, createGroup, createTechnician } from '../../support/fixtures';
import { SCIM, scimClient } from '../../support/scim';
import { sharedSession } from '../../support/shared-session';
import { formsOf, SsoBrowser } from '../../support/sso-browser';
import { OidcSsoSession, ssoSignIn, useOidcProvider } from '../../support/sso-oidc';

/**
 * A Test sign-in, then `required`: password sign-in refused SSO_REQUIRED (once the password
 * checked out) for everyone but the break-glass Master Administrators; the provider still
 * signs people in, SCIM's users included. Runs last of the family: it ends `optional` again.
 */
describe('OIDC required, after a Test sign-in', () => {
  const session = sharedSession<OidcSsoSession>();
  const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;
  const masterSsoId = unique('master');
  let groupId: string;

  const put = (mode: string, breakGlassAccountIds: string[] = [], oidc = {}) =>
    session.stack.api.request('PUT', '/api/v1/settings/sso', {
      token: session.token,
      body: {
        mode,
        protocol: 'oidc',
        oidc: { issuer: session.op.issuer, clientId: session.client.clientId, ...oidc },
        breakGlassAccountIds,
      },
    });

  /** Test sign-in as the master, through the provider's page as `username`. */
  async function testSignIn(username: string) {
    const browser = new SsoBrowser(session.stack.api.baseUrl);
    const started = await browser.postJson<{ redirectUrl: string }>(
      '/api/v1/settings/sso/test',
      {},
      session.token,
    );
    expect(started.status).toBe(200);
    let page = await browser.navigate(started.body.redirectUrl);
    page = await browser.submit(
      page,
      formsOf(page.text).find((f) => 'username' in f.fields)!,
      {
        username,
      },
    );
    return browser.complete(SsoBrowser.landing(page).handoff!);
  }

  beforeAll(async () => {
    await useOidcProvider(session, session.op.issuer);
    groupId = (await createGroup(session.stack.api, session.token)).id;
    const patched = await session.stack.api.request(
      'PATCH',
      `/api/v1/administrators/${session.master.accountId}`,
      { token: session.token, body: { ssoId: masterSsoId } },
    );
    expect(patched.status).toBe(200);
  });

  afterAll(async () => {
    await put('optional');
  });

  it('reports a Test sign-in as someone else in words, and required stays refused', async () => {
    const other = await testSignIn(unique('someone-else'));
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('SSO_ACCOUNT_UNKNOWN');
    expect((await put('required', [session.master.accountId])).body.code).toBe('SSO_TEST_REQUIRED');
  });

  it('accepts required once a Test sign-in of the master succeeded', async () => {
    const tested = await testSignIn(masterSsoId);
    expect(tested).toEqual({ status: 200, body: { test: true, ssoId: masterSsoId } });
    const settings = await session.stack.api.get('/api/v1/settings/sso', session.token);
    expect(settings.body.testSucceededAt).toEqual(expect.any(String));

    const required = await put('required', [session.master.accountId]);
    expect(required.status).toBe(200);
    expect(required.body).toMatchObject({ mode: 'required' });
  });

  it('refuses a password sign-in SSO_REQUIRED once the password checked out, and a wrong one as before', async () => {
    const technician = await createTechnician(session.stack.api, session.token, groupId);
    const right = await session.stack.api.post('/api/v1/auth/login', {
      email: technician.email,
      password: technician.password,
    });
    expect(right.status).toBe(403);
    expect(right.body.code).toBe('SSO_REQUIRED');
    const wrong = await session.stack.api.post('/api/v1/auth/login', {
      email: technician.email,
      password: 'Wrong-Pass-1',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('keeps the password of a break-glass master, not of another master', async () => {
    const breakGlass = await session.stack.api.post('/api/v1/auth/login', {
      email: session.stack.adminEmail,
      password: session.stack.adminPassword,
    });
    expect(breakGlass.status).toBe(200);
    const other = await createAdministrator(session.stack.api, session.token, {
      role: 'master_admin',
    });
    const refused = await session.stack.api.post('/api/v1/auth/login', {
      email: other.email,
      password: other.password,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('SSO_REQUIRED');
  });

  it('sends the email step straight to the provider, and signs people in through it', async () => {
    const ssoId = unique('tech');
    const technician = await createTechnician(session.stack.api, session.token, groupId, { ssoId });
    const browser = new SsoBrowser(session.stack.api.baseUrl);
    expect(
      (await browser.postJson('/api/v1/auth/sso/discover', { email: technician.email })).body,
    ).toEqual({ method: 'sso', mode: 'required' });
    const signedIn = await ssoSignIn(session, technician.email, ssoId);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.role).toBe('technician');
  });

  it('signs a user provisioned over SCIM in with no further step, its Single Sign-On ID from the directory', async () => {
    const ssoId = unique('entra-object-id');
    const scim = await scimClient(session.stack.api, session.token, 'sso directory');
    const user = await scim.newUser({
      schemas: [SCIM.USER, 'urn:rac:params:scim:schemas:extension:technician:2.0:User'],
      'urn:rac:params:scim:schemas:extension:technician:2.0:User': { ssoId },
    });
    const signedIn = await ssoSignIn(session, user.userName, ssoId);
    expect(signedIn.status).toBe(200);
    const me = await session.stack.api.get('/api/v1/me', signedIn.body.accessToken);
    expect(me.body).toMatchObject({ id: user.id, role: 'technician' });
  });

  it('refuses a change of what a sign-in goes through while required, until tested again', async () => {
    const changed = await put('required', [session.master.accountId], { ssoIdClaim: 'email' });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('SSO_TEST_REQUIRED');
    // A password is still refused: the settings as they were stay.
    const technician = await createTechnician(session.stack.api, session.token, groupId);
    const token = await session.stack.api.post('/api/v1/auth/login', {
      email: technician.email,
      password: technician.password,
    });
    expect(token.body.code).toBe('SSO_REQUIRED');
  });
});
