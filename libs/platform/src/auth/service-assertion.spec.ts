import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import {
  AssertedMessage,
  AssertionUse,
  ServicePrincipalDirectory,
  ServicePrincipalRecord,
  verifyServiceAssertion,
} from './service-assertion';

/** The directory's rule (org keeps it in Postgres), in memory: a jti once, or its message redelivered. */
class MemoryDirectory implements ServicePrincipalDirectory {
  readonly used = new Map<string, string>();
  constructor(private readonly principals: ServicePrincipalRecord[]) {}

  find(id: string) {
    return Promise.resolve(this.principals.find((p) => p.id === id));
  }

  firstUse(use: AssertionUse) {
    const key = `${use.principalId} ${use.jti}`;
    const digest = this.used.get(key);
    if (digest === undefined) this.used.set(key, use.messageDigest);
    return Promise.resolve(
      digest === undefined || (use.redelivered && digest === use.messageDigest),
    );
  }
}

describe('verifyServiceAssertion', () => {
  const keys = generateKeyPairSync('ed25519');
  const principal: ServicePrincipalRecord = {
    id: randomUUID(),
    organizationId: randomUUID(),
    scopes: ['groups:read'],
    publicKey: keys.publicKey.export({ format: 'jwk' }).x!,
    enabled: true,
  };
  const now = Math.floor(Date.now() / 1000);

  function assertion(claims: Record<string, unknown> = {}, key = keys.privateKey): string {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signed = `${part({ alg: 'EdDSA' })}.${part({
      iss: principal.id,
      aud: 'rescue-admin-center',
      iat: now,
      exp: now + 60,
      jti: randomUUID(),
      ...claims,
    })}`;
    return `${signed}.${sign(null, Buffer.from(signed), key).toString('base64url')}`;
  }

  function message(fields: Partial<AssertedMessage> = {}): AssertedMessage {
    return {
      pattern: 'org.group.get.v1',
      content: Buffer.from(JSON.stringify({ groupId: randomUUID() })),
      replyTo: 'amq.rabbitmq.reply-to',
      correlationId: randomUUID(),
      redelivered: false,
      ...fields,
    };
  }

  it('accepts an assertion once; only the redelivery of the same message passes again', async () => {
    const directory = new MemoryDirectory([principal]);
    const token = assertion();
    const first = message();
    await expect(verifyServiceAssertion(token, directory, first)).resolves.toEqual(principal);

    for (const again of [
      first, // the same message published again: a replay, not a redelivery
      message(),
      message({ redelivered: true }), // another message flagged as redelivered
      { ...first, replyTo: 'attacker.queue', redelivered: true },
    ]) {
      await expect(verifyServiceAssertion(token, directory, again)).rejects.toThrow(/already used/);
    }
    await expect(
      verifyServiceAssertion(token, directory, { ...first, redelivered: true }),
    ).resolves.toEqual(principal);
  });

  it('refuses an assertion without a usable jti, or living longer than 60 s', async () => {
    const directory = new MemoryDirectory([principal]);
    for (const claims of [
      { jti: undefined },
      { jti: '' },
      { jti: 7 },
      { jti: 'x'.repeat(129) },
      { jti: 'with space' },
      { exp: now + 61 },
      { iat: now - 100, exp: now + 10 },
      { exp: now }, // exp must come after iat
    ]) {
      await expect(verifyServiceAssertion(assertion(claims), directory, message())).rejects.toThrow(
        /invalid or expired/,
      );
    }
    expect(directory.used.size).toBe(0);
  });

  it('records no jti for an assertion whose signature is not the principal’s', async () => {
    const directory = new MemoryDirectory([principal]);
    const jti = randomUUID();
    const forged = assertion({ jti }, generateKeyPairSync('ed25519').privateKey);
    await expect(verifyServiceAssertion(forged, directory, message())).rejects.toThrow(
      /invalid or expired/,
    );
    await expect(verifyServiceAssertion(assertion({ jti }), directory, message())).resolves.toEqual(
      principal,
    );
  });
});
