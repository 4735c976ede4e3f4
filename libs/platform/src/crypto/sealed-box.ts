import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  webcrypto,
} from 'node:crypto';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256 } from '@hpke/core';
import { SEALED_SECRET_AAD, SEALED_SECRET_INFO } from '@app/contracts';
import { NodeHkdfSha256 } from './node-hkdf';

/**
 * Sealed boxes: anyone with a service's public key can seal a secret, only that service can
 * open it. HPKE (RFC 9180) in base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * AES-256-GCM through @hpke/core, so any language's HPKE library seals the same boxes. The
 * text format, `info` and `aad` are in @app/contracts (`sealed-secret.ts`).
 */
export const hpkeSuite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new NodeHkdfSha256(),
  aead: new Aes256Gcm(),
});

export interface SealingPublicKey {
  keyId: string;
  /** The X25519 public key as HPKE serializes it: 32 raw bytes, base64url. */
  publicKey: string;
}

/**
 * A key pair as stored. Keys made before HPKE are held in DER (SPKI / PKCS#8); they are the
 * same X25519 keys, so `rawKeys` reads both spellings.
 */
export interface SealingKeyPair extends SealingPublicKey {
  privateKey: string;
}

export class SealedBoxError extends Error {}

export function generateSealingKeyPair(): SealingKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const publicRaw = publicKey.export({ format: 'jwk' }).x!;
  return {
    keyId: keyIdOf(Buffer.from(publicRaw, 'base64url')),
    publicKey: publicRaw,
    privateKey: privateKey.export({ format: 'jwk' }).d!,
  };
}

/** The first 8 bytes of the SHA-256 of the raw public key, in hex. */
function keyIdOf(rawPublicKey: Buffer): string {
  return createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16);
}

const RAW_KEY_LENGTH = 43; // 32 bytes in base64url

/** The raw (HPKE) spelling of a stored key pair's halves. */
export function rawKeys(keyPair: SealingKeyPair): SealingKeyPair {
  if (keyPair.publicKey.length === RAW_KEY_LENGTH) return keyPair;
  const der = (text: string) => Buffer.from(text, 'base64url');
  return {
    keyId: keyPair.keyId,
    publicKey: createPublicKey({ key: der(keyPair.publicKey), format: 'der', type: 'spki' }).export(
      { format: 'jwk' },
    ).x!,
    privateKey: createPrivateKey({
      key: der(keyPair.privateKey),
      format: 'der',
      type: 'pkcs8',
    }).export({ format: 'jwk' }).d!,
  };
}

/** Keys are imported once each: importing costs as much as a box. */
// @hpke/core types keys as the DOM's CryptoKey, which is Node's webcrypto.CryptoKey.
type HpkeKey = webcrypto.CryptoKey;
const importedKeys = new Map<string, Promise<HpkeKey>>();

function importOnce(id: string, load: () => Promise<HpkeKey>): Promise<HpkeKey> {
  let key = importedKeys.get(id);
  if (!key) {
    key = load();
    importedKeys.set(id, key);
  }
  return key;
}

function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

const encoder = new TextEncoder();
const INFO = encoder.encode(SEALED_SECRET_INFO);

export async function seal(
  plaintext: string | Buffer,
  recipient: SealingPublicKey,
): Promise<string> {
  const recipientPublicKey = await importOnce(`public:${recipient.publicKey}`, () =>
    hpkeSuite.kem.deserializePublicKey(bytes(recipient.publicKey)),
  );
  const { enc, ct } = await hpkeSuite.seal(
    { recipientPublicKey, info: INFO },
    typeof plaintext === 'string' ? encoder.encode(plaintext) : new Uint8Array(plaintext),
    encoder.encode(SEALED_SECRET_AAD(recipient.keyId)),
  );
  return ['hpke', recipient.keyId, base64url(enc), base64url(ct)].join('.');
}

function base64url(buffer: ArrayBuffer): string {
  return Buffer.from(buffer).toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ENC_LENGTH = 32;
const TAG_LENGTH = 16;

/** The parts of a box, or undefined when the text is not one (of any size: passwords and files). */
function parts(sealed: string): [keyId: string, enc: Buffer, ct: Buffer] | undefined {
  const items = sealed.split('.');
  if (items.length !== 4 || items[0] !== 'hpke' || !/^[0-9a-f]{16}$/.test(items[1]))
    return undefined;
  // Canonical base64url only: one text per box (no second spelling of the same bytes).
  const decoded = items.slice(2).map((part) => {
    const buffer = Buffer.from(part, 'base64url');
    return BASE64URL.test(part) && buffer.toString('base64url') === part ? buffer : undefined;
  });
  const [enc, ct] = decoded;
  if (!enc || !ct || enc.length !== ENC_LENGTH || ct.length < TAG_LENGTH) return undefined;
  return [items[1], enc, ct];
}

/** The key id a box was sealed to, or undefined when it is not a sealed box. */
export function sealedKeyId(sealed: string): string | undefined {
  return parts(sealed)?.[0];
}

export async function open(sealed: string, keyPair: SealingKeyPair): Promise<string> {
  return (await openBytes(sealed, keyPair)).toString('utf8');
}

/** Opens a box holding bytes (an uploaded file). */
export async function openBytes(sealed: string, keyPair: SealingKeyPair): Promise<Buffer> {
  const items = parts(sealed);
  if (!items) throw new SealedBoxError('not a sealed box');
  const [keyId, enc, ct] = items;
  if (keyId !== keyPair.keyId) throw new SealedBoxError('sealed to another key');
  try {
    const recipientKey = await importOnce(`private:${keyPair.privateKey}`, () =>
      hpkeSuite.kem.deserializePrivateKey(bytes(rawKeys(keyPair).privateKey)),
    );
    const plaintext = await hpkeSuite.open(
      { recipientKey, enc: new Uint8Array(enc), info: INFO },
      new Uint8Array(ct),
      encoder.encode(SEALED_SECRET_AAD(keyId)),
    );
    return Buffer.from(plaintext);
  } catch {
    throw new SealedBoxError('the box does not open');
  }
}
