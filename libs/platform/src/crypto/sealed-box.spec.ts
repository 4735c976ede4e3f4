import { generateKeyPairSync } from 'node:crypto';
import { Aes128Gcm, Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { SEALED_SECRET_AAD, SEALED_SECRET_INFO, SEALED_SECRET_PATTERN } from '@app/contracts';
import {
  generateSealingKeyPair,
  open,
  rawKeys,
  seal,
  SealedBoxError,
  sealedKeyId,
  SealingKeyPair,
} from './sealed-box';
import { reference } from './sealed-box.fixtures';

/**
 * Sealed boxes as identity makes and opens them (HPKE, AES-256-GCM). HPKE itself against the
 * vectors of RFC 9180: sealed-box.rfc9180.spec.ts.
 */

describe('sealed boxes (HPKE, AES-256-GCM)', () => {
  const keyPair = generateSealingKeyPair();
  const info = Buffer.from(SEALED_SECRET_INFO);
  const aad = Buffer.from(SEALED_SECRET_AAD(keyPair.keyId));

  it.each(['Correct-Horse-9', 'Pässwörd 🔑 with spaces', 'x'.repeat(128), ''])(
    'round-trips %j, and the box never contains it',
    async (secret) => {
      const box = await seal(secret, keyPair);

      expect(box).toMatch(SEALED_SECRET_PATTERN);
      if (secret.length > 3) expect(box).not.toContain(secret);
      expect(sealedKeyId(box)).toBe(keyPair.keyId);
      expect(await open(box, keyPair)).toBe(secret);
    },
  );

  it('opens what another RFC 9180 implementation sealed, and the other opens ours', async () => {
    const fromOutside = reference.seal(
      Buffer.from(keyPair.publicKey, 'base64url'),
      info,
      aad,
      Buffer.from('Sealed-Elsewhere-1'),
      32,
    );
    const box = ['hpke', keyPair.keyId, fromOutside.enc, fromOutside.ct]
      .map((part) => (Buffer.isBuffer(part) ? part.toString('base64url') : part))
      .join('.');
    expect(await open(box, keyPair)).toBe('Sealed-Elsewhere-1');

    const [, , ours, ciphertext] = (await seal('Sealed-Here-2', keyPair)).split('.');
    const opened = reference.open(
      Buffer.from(keyPair.privateKey, 'base64url'),
      Buffer.from(ours, 'base64url'),
      info,
      aad,
      Buffer.from(ciphertext, 'base64url'),
      32,
    );
    expect(opened.toString()).toBe('Sealed-Here-2');
  });

  it('uses AES-256-GCM: the same box does not open as AES-128-GCM', async () => {
    const box = await seal('secret', keyPair);
    const [, , enc, ciphertext] = box.split('.');
    const aes128 = new CipherSuite({
      kem: new DhkemX25519HkdfSha256(),
      kdf: new HkdfSha256(),
      aead: new Aes128Gcm(),
    });
    const recipientKey = await aes128.kem.deserializePrivateKey(
      Buffer.from(keyPair.privateKey, 'base64url'),
    );
    await expect(
      aes128.open(
        { recipientKey, enc: Buffer.from(enc, 'base64url'), info },
        Buffer.from(ciphertext, 'base64url'),
        aad,
      ),
    ).rejects.toThrow();
    expect(new Aes256Gcm().keySize).toBe(32);
  });

  it('seals the same secret differently every time', async () => {
    expect(await seal('same', keyPair)).not.toBe(await seal('same', keyPair));
  });

  it('does not open with another key, nor under another key id (the aad)', async () => {
    const other = generateSealingKeyPair();
    await expect(open(await seal('secret', keyPair), other)).rejects.toThrow(SealedBoxError);
    const [, , enc, ciphertext] = (await seal('secret', keyPair)).split('.');
    const relabelled: SealingKeyPair = { ...keyPair, keyId: '0123456789abcdef' };
    await expect(
      open(['hpke', relabelled.keyId, enc, ciphertext].join('.'), relabelled),
    ).rejects.toThrow(SealedBoxError);
  });

  it('detects tampering with any part', async () => {
    const parts = (await seal('secret', keyPair)).split('.');
    for (const index of [2, 3]) {
      const tampered = [...parts];
      const value = tampered[index];
      tampered[index] = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
      await expect(open(tampered.join('.'), keyPair)).rejects.toThrow(SealedBoxError);
    }
  });

  it('refuses what is not a box, and the old sealed.v1 format', async () => {
    await expect(open('plaintext-password', keyPair)).rejects.toThrow(SealedBoxError);
    expect(sealedKeyId('plaintext-password')).toBeUndefined();
    const oldFormat = `sealed.v1.${keyPair.keyId}.${'A'.repeat(59)}.${'A'.repeat(16)}.AAAA.${'A'.repeat(22)}`;
    expect(oldFormat).not.toMatch(SEALED_SECRET_PATTERN);
    expect(sealedKeyId(oldFormat)).toBeUndefined();
    await expect(open(oldFormat, keyPair)).rejects.toThrow(SealedBoxError);
  });

  it('opens with a key pair stored before HPKE (DER), the same X25519 key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('x25519');
    const der: SealingKeyPair = {
      keyId: 'fedcba9876543210',
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    };
    const raw = rawKeys(der);
    expect(raw.publicKey).toHaveLength(43);
    expect(await open(await seal('from-der', raw), der)).toBe('from-der');
  });
});
