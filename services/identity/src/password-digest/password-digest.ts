import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PASSWORD_DIGEST_PATTERN } from '@app/contracts';

const SCHEME = 'hmac-sha256';
const SALT_BYTES = 16;

/**
 * The digest of a password (already in Unicode NFC, as identity opens every password):
 * `hmac-sha256.<salt>.<mac>` (see the contract's PASSWORD_DIGEST_PATTERN), HMAC-SHA256
 * under `secret` of a fresh random salt and the password.
 */
export function digestPassword(secret: Buffer, password: string): string {
  const salt = randomBytes(SALT_BYTES);
  return `${SCHEME}.${salt.toString('base64url')}.${mac(secret, salt, password).toString('base64url')}`;
}

/** Whether the password is the one the digest was made of (false for a malformed digest). */
export function digestMatches(secret: Buffer, digest: string, password: string): boolean {
  if (!PASSWORD_DIGEST_PATTERN.test(digest)) return false;
  const [, salt, expected] = digest.split('.');
  const expectedMac = Buffer.from(expected, 'base64url');
  const actualMac = mac(secret, Buffer.from(salt, 'base64url'), password);
  return expectedMac.length === actualMac.length && timingSafeEqual(expectedMac, actualMac);
}

function mac(secret: Buffer, salt: Buffer, password: string): Buffer {
  return createHmac('sha256', secret).update(salt).update(password, 'utf8').digest();
}
