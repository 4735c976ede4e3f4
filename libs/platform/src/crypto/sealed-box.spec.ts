import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  KeyObject,
} from 'node:crypto';
import { Aes128Gcm, Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { SEALED_SECRET_AAD, SEALED_SECRET_INFO, SEALED_SECRET_PATTERN } from '@app/contracts';
import { NodeHkdfSha256 } from './node-hkdf';
import {
  generateSealingKeyPair,
  open,
  rawKeys,
  seal,
  SealedBoxError,
  sealedKeyId,
  SealingKeyPair,
} from './sealed-box';

const hex = (text: string) => Buffer.from(text, 'hex');

/**
 * RFC 9180, Appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode
 * (the RFC publishes no X25519 vector with AES-256-GCM; the KEM and KDF are ours, and the
 * AEAD only changes the key length, which the reference implementation below checks).
 */
const RFC_A_1_1 = {
  info: '4f6465206f6e2061204772656369616e2055726e',
  skRm: '4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8',
  skEm: '52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736',
  pkRm: '3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d',
  pkEm: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  key: '4531685d41d65f03dc48f6b8302c05b0',
  baseNonce: '56d890e5accaaf011cff4b7d',
  encryptions: [
    {
      aad: '436f756e742d30',
      plaintext: '4265617574792069732074727574682c20747275746820626561757479',
      ciphertext:
        'f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a',
    },
  ],
};

/**
 * RFC 9180 written from the text with node:crypto, independently of @hpke/core: single-shot
 * SealBase / OpenBase for DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-GCM of either key
 * length. It is what another team would write (or their library does) to seal for identity.
 */
const reference = (() => {
  const i2osp = (value: number, length: number) => {
    const out = Buffer.alloc(length);
    out.writeUIntBE(value, 0, length);
    return out;
  };
  const extract = (salt: Buffer, ikm: Buffer) =>
    createHmac('sha256', salt.length ? salt : Buffer.alloc(32))
      .update(ikm)
      .digest();
  const expand = (prk: Buffer, info: Buffer, length: number) => {
    let block = Buffer.alloc(0);
    const out: Buffer[] = [];
    for (let i = 1; Buffer.concat(out).length < length; i++) {
      block = createHmac('sha256', prk)
        .update(Buffer.concat([block, info, Buffer.from([i])]))
        .digest();
      out.push(block);
    }
    return Buffer.concat(out).subarray(0, length);
  };
  const labeledExtract = (suiteId: Buffer, salt: Buffer, label: string, ikm: Buffer) =>
    extract(salt, Buffer.concat([Buffer.from('HPKE-v1'), suiteId, Buffer.from(label), ikm]));
  const labeledExpand = (
    suiteId: Buffer,
    prk: Buffer,
    label: string,
    info: Buffer,
    length: number,
  ) =>
    expand(
      prk,
      Buffer.concat([i2osp(length, 2), Buffer.from('HPKE-v1'), suiteId, Buffer.from(label), info]),
      length,
    );

  const kemId = Buffer.concat([Buffer.from('KEM'), i2osp(0x0020, 2)]);
  const x25519Private = (raw: Buffer) =>
    createPrivateKey({
      key: Buffer.concat([hex('302e020100300506032b656e04220420'), raw]),
      format: 'der',
      type: 'pkcs8',
    });
  const x25519Public = (raw: Buffer) =>
    createPublicKey({
      key: Buffer.concat([hex('302a300506032b656e032100'), raw]),
      format: 'der',
      type: 'spki',
    });
  const rawPublic = (key: KeyObject) =>
    Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url');

  const sharedSecret = (dh: Buffer, enc: Buffer, pkR: Buffer) => {
    const eaePrk = labeledExtract(kemId, Buffer.alloc(0), 'eae_prk', dh);
    return labeledExpand(kemId, eaePrk, 'shared_secret', Buffer.concat([enc, pkR]), 32);
  };

  const keySchedule = (shared: Buffer, info: Buffer, aeadId: number, keyLength: number) => {
    const suiteId = Buffer.concat([
      Buffer.from('HPKE'),
      i2osp(0x0020, 2),
      i2osp(0x0001, 2),
      i2osp(aeadId, 2),
    ]);
    const pskIdHash = labeledExtract(suiteId, Buffer.alloc(0), 'psk_id_hash', Buffer.alloc(0));
    const infoHash = labeledExtract(suiteId, Buffer.alloc(0), 'info_hash', info);
    const context = Buffer.concat([Buffer.from([0]), pskIdHash, infoHash]);
    const secret = labeledExtract(suiteId, shared, 'secret', Buffer.alloc(0));
    return {
      key: labeledExpand(suiteId, secret, 'key', context, keyLength),
      nonce: labeledExpand(suiteId, secret, 'base_nonce', context, 12),
    };
  };

  const aeadOf = (keyLength: 16 | 32) => ({
    id: keyLength === 16 ? 0x0001 : 0x0002,
    cipher: keyLength === 16 ? ('aes-128-gcm' as const) : ('aes-256-gcm' as const),
  });

  return {
    seal(
      pkR: Buffer,
      info: Buffer,
      aad: Buffer,
      plaintext: Buffer,
      keyLength: 16 | 32,
      skE = generateKeyPairSync('x25519').privateKey,
    ) {
      const enc = rawPublic(skE);
      const dh = diffieHellman({ privateKey: skE, publicKey: x25519Public(pkR) });
      const aead = aeadOf(keyLength);
      const { key, nonce } = keySchedule(sharedSecret(dh, enc, pkR), info, aead.id, keyLength);
      const cipher = createCipheriv(aead.cipher, key, nonce).setAAD(aad);
      const ct = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return { enc, ct, key, nonce };
    },
    open(skR: Buffer, enc: Buffer, info: Buffer, aad: Buffer, ct: Buffer, keyLength: 16 | 32) {
      const privateKey = x25519Private(skR);
      const dh = diffieHellman({ privateKey, publicKey: x25519Public(enc) });
      const aead = aeadOf(keyLength);
      const shared = sharedSecret(dh, enc, rawPublic(privateKey));
      const { key, nonce } = keySchedule(shared, info, aead.id, keyLength);
      const decipher = createDecipheriv(aead.cipher, key, nonce).setAAD(aad);
      decipher.setAuthTag(ct.subarray(ct.length - 16));
      return Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]);
    },
    x25519Private,
  };
})();

describe('HPKE against RFC 9180 test vectors (A.1.1, base mode)', () => {
  const vector = RFC_A_1_1;
  const [encryption] = vector.encryptions;

  // The library's own HKDF, and ours (Node's HMAC under the library's key schedule).
  describe.each([
    ['HkdfSha256', () => new HkdfSha256()],
    ['NodeHkdfSha256', () => new NodeHkdfSha256()],
  ])('with %s', (_, kdf) => {
    const suite = () =>
      new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: kdf(), aead: new Aes128Gcm() });

    it('@hpke/core seals the published ciphertext from the published keys', async () => {
      const hpke = suite();
      const recipientPublicKey = await hpke.kem.deserializePublicKey(hex(vector.pkRm));
      const ekm = await hpke.kem.importKey('raw', hex(vector.skEm), false);
      const sender = await hpke.createSenderContext({
        recipientPublicKey,
        info: hex(vector.info),
        ekm: { privateKey: ekm, publicKey: await hpke.kem.deserializePublicKey(hex(vector.pkEm)) },
      });
      expect(Buffer.from(sender.enc).toString('hex')).toBe(vector.pkEm);
      const ct = await sender.seal(hex(encryption.plaintext), hex(encryption.aad));
      expect(Buffer.from(ct).toString('hex')).toBe(encryption.ciphertext);
    });

    it('@hpke/core opens the published ciphertext with the published private key', async () => {
      const hpke = suite();
      const recipientKey = await hpke.kem.deserializePrivateKey(hex(vector.skRm));
      const plaintext = await hpke.open(
        { recipientKey, enc: hex(vector.pkEm), info: hex(vector.info) },
        hex(encryption.ciphertext),
        hex(encryption.aad),
      );
      expect(Buffer.from(plaintext).toString('hex')).toBe(encryption.plaintext);
    });
  });

  it('the reference implementation reproduces the vector: key, nonce and ciphertext', () => {
    const sealed = reference.seal(
      hex(vector.pkRm),
      hex(vector.info),
      hex(encryption.aad),
      hex(encryption.plaintext),
      16,
      reference.x25519Private(hex(vector.skEm)),
    );
    expect(sealed.enc.toString('hex')).toBe(vector.pkEm);
    expect(sealed.key.toString('hex')).toBe(vector.key);
    expect(sealed.nonce.toString('hex')).toBe(vector.baseNonce);
    expect(sealed.ct.toString('hex')).toBe(encryption.ciphertext);
  });
});

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
