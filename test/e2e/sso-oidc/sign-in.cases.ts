import { randomBytes } from 'node:crypto';
import { createAdministrator, createGroup, createTechnician } from '../../support/fixtures';
import { sharedSession } from '../../support/shared-session';
import {
  OidcSsoSession,
  ssoSignIn,
  throughProvider,
  useOidcProvider,
} from '../../support/sso-oidc';

/**
 * Through a real OpenID Provider (oidc-provider, its own keys, its login page): the account
 * whose Single Sign-On ID is the provider's `sub` (or the claim configured) signs in with the
 * token a password sign-in gives; anyone else is refused in words, and nothing is created.
 */
describe('OIDC sign-in through a real provider', () => {
  const session = sharedSession<OidcSsoSession>();
  let groupId: string;
  const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    await useOidcProvider(session, session.op.issuer);
    groupId = (await createGroup(session.stack.api, session.token)).id;
  });

  it('shows the redirect URI the provider registered', async () => {
    const settings = await session.stack.api.get('/api/v1/settings/sso', session.token);
    expect(settings.body.oidc).toMatchObject({
      issuer: session.op.issuer,
      redirectUri: session.redirectUri,
      ssoIdClaim: 'sub',
    });
  });

  it('signs a technician in when the provider’s sub is their Single Sign-On ID', async () => {
    const ssoId = unique('tech');
    const technician = await createTechnician(session.stack.api, session.token, groupId, { ssoId });

    const signedIn = await ssoSignIn(session, technician.email, ssoId);

    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', role: 'technician' });
    const me = await session.stack.api.get('/api/v1/me', signedIn.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: technician.id, role: 'technician' });
  });

  it('signs an administrator in the same way, with the role a password sign-in gives', async () => {
    const ssoId = unique('admin');
    const administrator = await createAdministrator(session.stack.api, session.token, {
      ssoId,
      groupIds: [groupId],
    });

    const signedIn = await ssoSignIn(session, administrator.email, ssoId);

    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', role: 'admin' });
    const me = await session.stack.api.get('/api/v1/me', signedIn.body.accessToken);
    // Its password, set by a master, must still be changed: not by this session, which may
    // not know it.
    expect(me.body).toMatchObject({
      id: administrator.id,
      role: 'admin',
      mustChangePassword: false,
    });
    const groups = await session.stack.api.get('/api/v1/groups', signedIn.body.accessToken);
    expect(groups.status).toBe(200);
  });

  it('matches another claim when configured (email)', async () => {
    const username = unique('mail');
    const technician = await createTechnician(session.stack.api, session.token, groupId, {
      ssoId: `${username}@idp.example`,
    });
    await useOidcProvider(session, session.op.issuer, { ssoIdClaim: 'email' });
    try {
      const signedIn = await ssoSignIn(session, technician.email, username);
      expect(signedIn.status).toBe(200);
      const me = await session.stack.api.get('/api/v1/me', signedIn.body.accessToken);
      expect(me.body.id).toBe(technician.id);
    } finally {
      await useOidcProvider(session, session.op.issuer);
    }
  });

  it('refuses a Single Sign-On ID no account has (403 SSO_ACCOUNT_UNKNOWN), creating nothing', async () => {
    const technician = await createTechnician(session.stack.api, session.token, groupId, {
      ssoId: unique('known'),
    });
    const refused = await ssoSignIn(session, technician.email, unique('stranger'));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'SSO_ACCOUNT_UNKNOWN' });
    expect(refused.body.accessToken).toBeUndefined();
  });

  it('refuses a disabled technician (403 ACCOUNT_DISABLED)', async () => {
    const ssoId = unique('off');
    const technician = await createTechnician(session.stack.api, session.token, groupId, {
      ssoId,
      enabled: false,
    });
    const refused = await ssoSignIn(session, technician.email, ssoId);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect(refused.body.accessToken).toBeUndefined();
  });

  it('gives a handoff only once: a second complete of the same sign-in gets no token', async () => {
    const ssoId = unique('once');
    const technician = await createTechnician(session.stack.api, session.token, groupId, { ssoId });
    const landing = await throughProvider(session, technician.email, ssoId);
    expect((await landing.browser.complete(landing.handoff!)).status).toBe(200);
    const again = await landing.browser.complete(landing.handoff!);
    expect(again.status).toBe(401);
    expect(again.body.accessToken).toBeUndefined();
  });
});
