import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { MessageProperties } from 'amqplib';
import { IdentityPatterns, OrgPatterns } from '@app/contracts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../auth/access-token';
import { PrincipalGate } from './principal-gate';
import type { MessageLimits, SenderKind } from './sender-limits';

const SECRET = 'x'.repeat(40);
/** Another team's message by default: its own broker user in `user_id`. */
const properties = (fields: Partial<MessageProperties> = {}) =>
  ({ headers: {}, userId: 'rac-team-a', ...fields }) as MessageProperties;

/** Limits that refuse the keys listed, as the Redis-backed SenderLimits would past its count. */
class ListedLimits implements MessageLimits {
  readonly counted: string[] = [];
  constructor(private readonly refused: string[]) {}
  consume(kind: SenderKind, id: string): Promise<number | undefined> {
    this.counted.push(`${kind}:${id}`);
    return Promise.resolve(this.refused.includes(`${kind}:${id}`) ? 42 : undefined);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function accessToken(claims: Record<string, unknown>): Promise<string> {
  return new JwtService({}).signAsync(
    { mcp: false, ...claims, iat: Date.now() / 1000 },
    {
      secret: SECRET,
      algorithm: 'HS256',
      expiresIn: 60,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    },
  );
}

describe('PrincipalGate', () => {
  const gate = new PrincipalGate({ internalUsers: ['rac-org'], jwtSecret: SECRET });
  const someone = { accountId: randomUUID(), organizationId: randomUUID(), role: 'master_admin' };

  it("trusts our own services' messages as they are", async () => {
    const data = { actor: someone };
    expect(
      await gate.admit(OrgPatterns.technicianDelete, data, properties({ userId: 'rac-org' })),
    ).toEqual({ ok: true, data, sender: { brokerUser: 'rac-org', internal: true } });
  });

  it('refuses a message of another service that names no broker user: UNAUTHENTICATED', async () => {
    const admission = await gate.admit(
      IdentityPatterns.sealingKeyGet,
      {},
      properties({ userId: undefined }),
    );
    expect(admission).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('user_id') },
    });
  });

  it('refuses internal messages from anyone else, even with a user_id of its own', async () => {
    for (const userId of ['rac-team-a', 'guest']) {
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
      sender: { brokerUser: 'rac-team-a', internal: false },
    });
  });

  it("lets only our own services state a sign-in's client address", async () => {
    const data = { email: 'a@example.com', sealedPassword: 'hpke.x', clientAddress: '10.0.0.1' };
    expect(await gate.admit(IdentityPatterns.login, data, properties())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('clientAddress') },
    });
    expect(
      await gate.admit(IdentityPatterns.login, data, properties({ userId: 'rac-org' })),
    ).toMatchObject({ ok: true, data });
  });

  it('counts every message of another team per broker user, then per principal: RATE_LIMITED past either', async () => {
    const token = await accessToken({
      sub: someone.accountId,
      org: someone.organizationId,
      role: 'master_admin',
    });
    const headers = { authorization: `Bearer ${token}` };
    const data = { groupId: randomUUID() };

    const overUser = new ListedLimits(['user:rac-team-a']);
    const limitedUser = new PrincipalGate({
      internalUsers: ['rac-org'],
      jwtSecret: SECRET,
      limits: overUser,
    });
    expect(await limitedUser.admit(OrgPatterns.groupGet, data, properties({ headers }))).toEqual({
      ok: false,
      error: {
        code: 'RATE_LIMITED',
        message: expect.any(String),
        details: { retryAfterSeconds: 42 },
      },
    });
    // Our own services are never counted.
    await limitedUser.admit(OrgPatterns.groupGet, data, properties({ userId: 'rac-org' }));
    expect(overUser.counted).toEqual(['user:rac-team-a']);

    const overPrincipal = new ListedLimits([`principal:${someone.accountId}`]);
    const limitedPrincipal = new PrincipalGate({
      internalUsers: [],
      jwtSecret: SECRET,
      limits: overPrincipal,
    });
    expect(
      await limitedPrincipal.admit(OrgPatterns.groupGet, data, properties({ headers })),
    ).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(overPrincipal.counted).toEqual(['user:rac-team-a', `principal:${someone.accountId}`]);
  });

  it("makes a token's claims the actor, from the sender's broker user, whatever the payload said", async () => {
    const token = await accessToken({
      sub: someone.accountId,
      org: someone.organizationId,
      role: 'master_admin',
    });
    const claimed = {
      ...someone,
      accountId: randomUUID(),
      origin: { channel: 'rest', address: '192.0.2.1' },
    };
    const admission = await gate.admit(
      OrgPatterns.groupGet,
      { actor: claimed, groupId: randomUUID() },
      properties({ headers: { authorization: `Bearer ${token}` } }),
    );
    expect(admission).toMatchObject({
      ok: true,
      data: {
        actor: {
          accountId: someone.accountId,
          origin: { channel: 'amqp', brokerUser: 'rac-team-a' },
        },
      },
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
