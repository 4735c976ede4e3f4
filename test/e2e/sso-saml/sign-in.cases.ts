import { type SamlSession, hostileSignIn, signInThroughProvider } from '../../support/saml-session';
import { sharedSession } from '../../support/shared-session';

/** Technicians sign in through the provider's login page, as their company's people do. */
describe('SAML: signing in', () => {
  const session = sharedSession<SamlSession>();
  const me = async (token: string) => (await session.stack.api.get('/api/v1/me', token)).body;

  it('signs a technician in whose Single Sign-On ID is the NameID of the name typed at the provider', async () => {
    const technician = await session.technician('ada.lovelace@corp.example');
    const signedIn = await signInThroughProvider(
      session,
      technician.email,
      'ada.lovelace@corp.example',
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', role: 'technician' });
    expect(await me(signedIn.body.accessToken as string)).toMatchObject({ id: technician.id });
  });

  it('matches an attribute of the assertion when the settings name one instead of the NameID', async () => {
    const technician = await session.technician('E-20417');
    session.idp.setAttributes('grace@corp.example', { employeeNumber: 'E-20417' });
    await session.configure('employeeNumber');
    try {
      const signedIn = await signInThroughProvider(session, technician.email, 'grace@corp.example');
      expect(signedIn.status).toBe(200);
      expect(await me(signedIn.body.accessToken as string)).toMatchObject({ id: technician.id });
    } finally {
      await session.configure('NameID');
    }
  });

  it('signs nobody in whose Single Sign-On ID the provider does not give (403 SSO_ACCOUNT_UNKNOWN)', async () => {
    const technician = await session.technician('known@corp.example');
    const refused = await signInThroughProvider(session, technician.email, 'stranger@corp.example');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'SSO_ACCOUNT_UNKNOWN' });
    expect(refused.body).not.toHaveProperty('accessToken');
  });

  it('accepts an assertion once: a new flow answered with an assertion ID already accepted is refused (replayed)', async () => {
    const technician = await session.technician('replay@corp.example');
    const first = await hostileSignIn(session, technician.email, 'replay@corp.example', {});
    expect(first.completed?.status).toBe(200);
    const again = await hostileSignIn(session, technician.email, 'replay@corp.example', {
      assertionId: first.answer.assertionId,
    });
    expect(again.completed?.status).toBe(401);
    expect(again.completed?.body).toMatchObject({ code: 'SSO_FAILED', reason: 'replayed' });
    expect(again.completed?.body).not.toHaveProperty('accessToken');
  });
});
