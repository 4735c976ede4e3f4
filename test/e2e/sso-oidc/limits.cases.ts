import { randomBytes } from 'node:crypto';
import { createGroup, createTechnician } from '../../support/fixtures';
import { queryDatabase } from '../../support/databases';
import { sharedSession } from '../../support/shared-session';
import { OidcSsoSession, ssoSignIn, useOidcProvider } from '../../support/sso-oidc';

/**
 * A sign-in through the provider counts against the client address's sign-in limit as a
 * password does (identity's `sign_in_failures`): a refused one takes a point, an accepted
 * one gives its point back.
 */
describe('OIDC sign-ins and the attempt limits', () => {
  const session = sharedSession<OidcSsoSession>();

  const pointsOfThisAddress = async () => {
    const rows = await queryDatabase<{ points: number }>(
      session.stack.env.databases.identity,
      `SELECT points FROM sign_in_failures WHERE key IN ('address:127.0.0.1', 'address:::1')`,
    );
    return rows.reduce((sum, row) => sum + Number(row.points), 0);
  };

  beforeAll(async () => {
    await useOidcProvider(session, session.op.issuer);
  });

  it('takes a point for a refused sign-in and none for an accepted one', async () => {
    const groupId = (await createGroup(session.stack.api, session.token)).id;
    const ssoId = `limits-${randomBytes(4).toString('hex')}`;
    const technician = await createTechnician(session.stack.api, session.token, groupId, { ssoId });

    const before = await pointsOfThisAddress();
    const refused = await ssoSignIn(session, technician.email, `${ssoId}-not-theirs`);
    expect(refused.status).toBe(403);
    const afterRefusal = await pointsOfThisAddress();
    expect(afterRefusal).toBe(before + 1);

    const accepted = await ssoSignIn(session, technician.email, ssoId);
    expect(accepted.status).toBe(200);
    expect(await pointsOfThisAddress()).toBe(afterRefusal);
  });
});
