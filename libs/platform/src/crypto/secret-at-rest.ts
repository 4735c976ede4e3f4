import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { rawKeys, SealedBoxError, SealingKeyPair } from './sealed-box';

/**
 * Secrets a service keeps in its own database for a while (an import row's password until
 * the row is applied), encrypted to the service's own sealing key: AES-256-GCM under a key
 * derived from the key pair's private half with HKDF-SHA256 (its own `info`, so the two uses
 * of the key never meet). Not HPKE: the service that stores a secret is the one that reads
 * it, so a key agreement per secret (an X25519 operation, most of a box's 0.8 ms) buys
 * nothing, where AES-GCM takes microseconds. It rotates and retires with the sealing key
 * (SealingKeyStore: a retirement re-encrypts what is stored under the retired key).
 *
 * Format: `aes.<keyId>.<iv>.<ciphertext and tag>` (base64url); the key id and the caller's
 * `context` (what the secret belongs to, e.g. `<importId>:<row>`) are its associated data,
 * so a secret cannot be moved to another row unnoticed.
 */
const INFO = 'rescue-admin-center secret at rest v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = /^aes\.([0-9a-f]{16})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

/** Derived once per key: HKDF costs as much as a few encryptions. */
const derivedKeys = new Map<string, Buffer>();

function keyOf(keyPair: SealingKeyPair): Buffer {
  let key = derivedKeys.get(keyPair.keyId);
  if (!key) {
    const secret = Buffer.from(rawKeys(keyPair).privateKey, 'base64url');
    key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32));
    derivedKeys.set(keyPair.keyId, key);
  }
  return key;
}

const aad = (keyId: string, context: string) => Buffer.from(`key ${keyId} for ${context}`, 'utf8');

export function encryptAtRest(
  secret: string | Buffer,
  keyPair: SealingKeyPair,
  context: string,
): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(keyPair), iv);
  cipher.setAAD(aad(keyPair.keyId, context));
  const ciphertext = Buffer.concat([
    cipher.update(typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return ['aes', keyPair.keyId, iv.toString('base64url'), ciphertext.toString('base64url')].join(
    '.',
  );
}

/** The key id a secret at rest was encrypted to, or undefined when the text is not one. */
export function atRestKeyId(text: string): string | undefined {
  return FORMAT.exec(text)?.[1];
}

/** The secret; SealedBoxError when it is not one, was encrypted to another key or context, or was altered. */
export function decryptAtRest(text: string, keyPair: SealingKeyPair, context: string): Buffer {
  const parts = FORMAT.exec(text);
  if (!parts || parts[1] !== keyPair.keyId) throw new SealedBoxError('not a secret of this key');
  const iv = Buffer.from(parts[2], 'base64url');
  const sealed = Buffer.from(parts[3], 'base64url');
  if (sealed.length < TAG_BYTES) throw new SealedBoxError('not a secret of this key');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(keyPair), iv);
    decipher.setAAD(aad(keyPair.keyId, context));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new SealedBoxError('the secret does not decrypt');
  }
}
