import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * Sealed boxes: anyone with identity's public key can seal a secret, only identity can open
 * it. X25519 with a fresh ephemeral key per secret, HKDF-SHA256, AES-256-GCM; the key id is
 * authenticated data, so a box cannot be moved to another key. Format: see @app/contracts.
 */
const INFO = Buffer.from('rac sealed box v1');

export interface SealingPublicKey {
  keyId: string;
  /** SPKI DER, base64url. */
  publicKey: string;
}

export interface SealingKeyPair extends SealingPublicKey {
  /** PKCS#8 DER, base64url. */
  privateKey: string;
}

export class SealedBoxError extends Error {}

export function generateSealingKeyPair(): SealingKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    keyId: keyIdOf(spki),
    publicKey: spki.toString('base64url'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
  };
}

function keyIdOf(spki: Buffer): string {
  return createHash('sha256').update(spki).digest('hex').slice(0, 16);
}

function deriveKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

/** Keys are imported once each: parsing the DER again for every box cost as much as the box. */
const importedKeys = new Map<string, KeyObject>();

function importPublicKey(publicKey: string): KeyObject {
  return importOnce(`public:${publicKey}`, () =>
    createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' }),
  );
}

function importPrivateKey(privateKey: string): KeyObject {
  return importOnce(`private:${privateKey}`, () =>
    createPrivateKey({ key: Buffer.from(privateKey, 'base64url'), format: 'der', type: 'pkcs8' }),
  );
}

function importOnce(id: string, load: () => KeyObject): KeyObject {
  let key = importedKeys.get(id);
  if (!key) {
    key = load();
    importedKeys.set(id, key);
  }
  return key;
}

export function seal(plaintext: string | Buffer, recipient: SealingPublicKey): string {
  const recipientKey = importPublicKey(recipient.publicKey);
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralSpki = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipientKey });
  const key = deriveKey(shared, ephemeralSpki, Buffer.from(recipient.publicKey, 'base64url'));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(recipient.keyId));
  const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return [
    'sealed',
    'v1',
    recipient.keyId,
    ephemeralSpki.toString('base64url'),
    iv.toString('base64url'),
    ciphertext.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The parts of a box, or undefined when the text is not one (of any size: passwords and files). */
function parts(sealed: string): string[] | undefined {
  const items = sealed.split('.');
  if (items.length !== 7 || items[0] !== 'sealed' || items[1] !== 'v1') return undefined;
  // Canonical base64url only: one text per box (no second spelling of the same bytes).
  const canonical = (part: string) =>
    BASE64URL.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part;
  if (!/^[0-9a-f]{16}$/.test(items[2]) || !items.slice(3).every(canonical)) return undefined;
  return items;
}

/** The key id a box was sealed to, or undefined when it is not a sealed box. */
export function sealedKeyId(sealed: string): string | undefined {
  return parts(sealed)?.[2];
}

export function open(sealed: string, keyPair: SealingKeyPair): string {
  return openBytes(sealed, keyPair).toString('utf8');
}

/** Opens a box holding bytes (an uploaded file). */
export function openBytes(sealed: string, keyPair: SealingKeyPair): Buffer {
  const items = parts(sealed);
  if (!items) throw new SealedBoxError('not a sealed box');
  const [, , keyId, ephemeral, iv, ciphertext, tag] = items;
  if (keyId !== keyPair.keyId) throw new SealedBoxError('sealed to another key');
  try {
    const ephemeralSpki = Buffer.from(ephemeral, 'base64url');
    const shared = diffieHellman({
      privateKey: importPrivateKey(keyPair.privateKey),
      publicKey: createPublicKey({ key: ephemeralSpki, format: 'der', type: 'spki' }),
    });
    const key = deriveKey(shared, ephemeralSpki, Buffer.from(keyPair.publicKey, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
      // The full 16-byte tag and nothing shorter: GCM would accept a truncated one.
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(keyId));
    const authTag = Buffer.from(tag, 'base64url');
    if (authTag.length !== 16 || Buffer.from(iv, 'base64url').length !== 12)
      throw new SealedBoxError('bad box');
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new SealedBoxError('the box does not open');
  }
}
