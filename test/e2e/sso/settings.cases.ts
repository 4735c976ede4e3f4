import { createAdministrator, signInChangingPassword, uniqueEmail } from '../../support/fixtures';
import { sharedSession } from '../../support/shared-session';
import { SsoBrowser } from '../../support/sso-browser';
import type { StackSession } from '../../support/stack-session';

describe('Single Sign-On settings', () => {
  const session = sharedSession<StackSession>();
  const put = (body: unknown, token = session.token) =>
    session.stack.api.request('PUT', '/api/v1/settings/sso', { body, token });
  const get = (token = session.token) =>
    session.stack.api.request('GET', '/api/v1/settings/sso', { token });
  const oidc = {
    issuer: 'https://login.example.com/tenant/v2.0',
    clientId: 'rescue-admin',
    clientSecret: 'a-client-secret-of-the-provider',
  };

  it('answers mode off and the addresses to register at the provider, before anything is set', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    const base = `${session.stack.env.vars.PUBLIC_URL}/api/v1/sso/${session.master.organizationId}`;
    expect(response.body).toMatchObject({
      mode: 'off',
      protocol: null,
      breakGlassAccountIds: [],
      testSucceededAt: null,
      oidc: { redirectUri: `${base}/oidc/callback` },
      saml: {
        entityId: `${base}/saml/metadata`,
        acsUrl: `${base}/saml/acs`,
        serviceProviderMetadataUrl: `${base}/saml/metadata`,
      },
    });
  });

  it('keeps OIDC settings with the client secret write-only', async () => {
    const saved = await put({ mode: 'optional', protocol: 'oidc', oidc, breakGlassAccountIds: [] });
    expect(saved.status).toBe(200);
    expect(saved.body.oidc).toMatchObject({
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecretSet: true,
      scopes: ['openid', 'email', 'profile'],
      ssoIdClaim: 'sub',
    });
    expect(JSON.stringify(saved.body)).not.toContain(oidc.clientSecret);
    // Saved again without the secret: the one saved before stays.
    const { clientSecret: _, ...withoutSecret } = oidc;
    const again = await put({
      mode: 'optional',
      protocol: 'oidc',
      oidc: { ...withoutSecret, ssoIdClaim: 'email' },
      breakGlassAccountIds: [],
    });
    expect(again.status).toBe(200);
    expect(again.body.oidc).toMatchObject({ clientSecretSet: true, ssoIdClaim: 'email' });
    expect(JSON.stringify((await get()).body)).not.toContain(oidc.clientSecret);
  });

  it('refuses required until a Test sign-in succeeded with these settings (409 SSO_TEST_REQUIRED)', async () => {
    const response = await put({
      mode: 'required',
      protocol: 'oidc',
      oidc,
      breakGlassAccountIds: [],
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('SSO_TEST_REQUIRED');
    expect((await get()).body.mode).toBe('optional');
  });

  it('refuses what a provider could not be reached with, naming the field', async () => {
    for (const [body, field] of [
      // No SAML settings saved before, none given.
      [{ mode: 'optional', protocol: 'saml', breakGlassAccountIds: [] }, 'saml'],
      [
        {
          mode: 'optional',
          protocol: 'oidc',
          oidc: { ...oidc, issuer: 'ftp://x' },
          breakGlassAccountIds: [],
        },
        'oidc.issuer',
      ],
      [{ mode: 'sometimes', breakGlassAccountIds: [] }, 'mode'],
      [
        {
          mode: 'optional',
          protocol: 'saml',
          saml: { metadataXml: '<html/>' },
          breakGlassAccountIds: [],
        },
        'saml.metadataXml',
      ],
      [{ mode: 'off', breakGlassAccountIds: ['not-a-uuid'] }, 'breakGlassAccountIds'],
    ] as const) {
      const response = await put(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it("refuses a break-glass account that is not this organization's Master Administrator", async () => {
    const admin = await createAdministrator(session.stack.api, session.token, { role: 'admin' });
    const response = await put({ mode: 'off', breakGlassAccountIds: [admin.id] });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('breakGlassAccountIds');
    const master = await put({ mode: 'off', breakGlassAccountIds: [session.master.accountId] });
    expect(master.status).toBe(200);
    expect(master.body.breakGlassAccountIds).toEqual([session.master.accountId]);
  });

  it('is for Master Administrators only', async () => {
    const admin = await createAdministrator(session.stack.api, session.token, { role: 'admin' });
    const token = await signInChangingPassword(session.stack.api, admin.email, admin.password);
    expect((await get(token)).status).toBe(403);
    expect((await put({ mode: 'off', breakGlassAccountIds: [] }, token)).status).toBe(403);
  });

  it('tells the sign-in page which way an email signs in, an unknown email as one without SSO', async () => {
    const browser = new SsoBrowser(session.stack.api.baseUrl);
    await put({ mode: 'optional', protocol: 'oidc', oidc, breakGlassAccountIds: [] });
    const known = await browser.postJson('/api/v1/auth/sso/discover', {
      email: session.stack.adminEmail,
    });
    expect(known).toEqual({ status: 200, body: { method: 'sso', mode: 'optional' } });
    const unknown = await browser.postJson('/api/v1/auth/sso/discover', {
      email: uniqueEmail('nobody'),
    });
    expect(unknown).toEqual({ status: 200, body: { method: 'password', mode: 'off' } });
    await put({ mode: 'off', breakGlassAccountIds: [] });
    const off = await browser.postJson('/api/v1/auth/sso/discover', {
      email: session.stack.adminEmail,
    });
    expect(off.body).toEqual({ method: 'password', mode: 'off' });
  });

  it('answers an unknown email at start as an organization without SSO, and completes nothing without the cookie', async () => {
    const browser = new SsoBrowser(session.stack.api.baseUrl);
    const start = await browser.postJson('/api/v1/auth/sso/start', {
      email: uniqueEmail('nobody'),
    });
    expect(start.status).toBe(409);
    expect(start.body.code).toBe('SSO_NOT_CONFIGURED');
    const complete = await browser.complete('A'.repeat(43));
    expect(complete.status).toBe(401);
    expect(complete.body).toMatchObject({ code: 'SSO_FAILED', reason: 'state-mismatch' });
  });

  it('sends a provider answer that belongs to no flow back to the sign-in page with the reason', async () => {
    const browser = new SsoBrowser(session.stack.api.baseUrl);
    const org = session.master.organizationId;
    const page = await browser.navigate(
      `/api/v1/sso/${org}/oidc/callback?code=x&state=${'B'.repeat(43)}`,
    );
    expect(SsoBrowser.landing(page)).toEqual({
      error: 'SSO_FAILED',
      reason: 'state-mismatch',
      handoff: undefined,
    });
    const posted = await browser.navigate(`/api/v1/sso/${org}/saml/acs`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        SAMLResponse: 'PHNhbWw+',
        RelayState: 'C'.repeat(43),
      }).toString(),
    });
    expect(SsoBrowser.landing(posted)).toMatchObject({
      error: 'SSO_FAILED',
      reason: 'state-mismatch',
    });
  });
});
