import { KeyObject, randomUUID, sign } from 'node:crypto';

/**
 * A service principal's assertion (RFC 7523's private_key_jwt) signed with its Ed25519 key:
 * `iss` its id, 60 s long, a fresh `jti`. `claims` replace or add claims (undefined drops one).
 */
export function signAssertion(
  principalId: string,
  privateKey: KeyObject,
  claims: Record<string, unknown> = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({
    iss: principalId,
    aud: 'rescue-admin-center',
    iat: now,
    exp: now + 60,
    jti: randomUUID(),
    ...claims,
  })}`;
  return `${signed}.${sign(null, Buffer.from(signed), privateKey).toString('base64url')}`;
}

/** An Ed25519 public key as a principal is registered with: 32 raw bytes, base64url. */
export function rawPublicKey(publicKey: KeyObject): string {
  return publicKey.export({ format: 'jwk' }).x!;
}
