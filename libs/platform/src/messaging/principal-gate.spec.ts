import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { MessageProperties } from 'amqplib';
import { IdentityPatterns, OrgPatterns } from '@app/contracts';
import { PrincipalGate } from './principal-gate';

const SECRET = 'x'.repeat(40);
const properties = (fields: Partial<MessageProperties> = {}) =>
  ({ headers: {}, ...fields }) as MessageProperties;

describe('PrincipalGate', () => {
  const gate = new PrincipalGate({ internalUsers: ['rac-org'], jwtSecret: SECRET });
  const someone = { accountId: randomUUID(), organizationId: randomUUID(), role: 'master_admin' };

  it("trusts our own services' messages as they are", async () => {
    const data = { actor: someone };
    expect(
      await gate.admit(OrgPatterns.technicianDelete, data, properties({ userId: 'rac-org' })),
    ).toEqual({ ok: true, data });
  });

  it('refuses internal messages from anyone else, even with a user_id of its own', async () => {
    for (const userId of [undefined, 'rac-client']) {
      const admission = await gate.admit(
        IdentityPatterns.credentialRevoke,
        { accountId: randomUUID() },
        properties({ userId }),
      );
      expect(admission).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('lets public messages that act for nobody through as they are', async () => {
    const data = { email: 'a@example.com', sealedPassword: 'hpke.x' };
    expect(await gate.admit(IdentityPatterns.login, data, properties())).toEqual({
      ok: true,
      data,
    });
  });

  it('refuses an actor without a valid token: UNAUTHENTICATED', async () => {
    for (const authorization of [undefined, 'Bearer nope', 'Basic abc', 'Bearer a.b.c']) {
      const admission = await gate.admit(
        OrgPatterns.technicianGet,
        { actor: someone, technicianId: randomUUID() },
        properties({ headers: { authorization } }),
      );
      expect(admission).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('hears no service principal where none are kept, and fails (to be retried) when they cannot be read', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const signed = `${part({ alg: 'EdDSA' })}.${part({
      iss: randomUUID(),
      aud: 'rescue-admin-center',
      iat: now,
      exp: now + 60,
      jti: randomUUID(),
    })}`;
    const assertion = `${signed}.${sign(null, Buffer.from(signed), privateKey).toString('base64url')}`;
    const headers = { authorization: `Bearer ${assertion}` };
    const data = { groupId: randomUUID() };

    expect(await gate.admit(OrgPatterns.groupGet, data, properties({ headers }))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    const org = new PrincipalGate({ internalUsers: [], jwtSecret: SECRET });
    org.useServicePrincipals({
      find: () => Promise.reject(new Error('database down')),
      firstUse: () => Promise.reject(new Error('database down')),
    });
    await expect(org.admit(OrgPatterns.groupGet, data, properties({ headers }))).rejects.toThrow(
      'database down',
    );
  });
});
