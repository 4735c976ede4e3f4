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

/** What the sealed-box specs share (sealed-box.spec.ts, sealed-box.rfc9180.spec.ts). */

export const hex = (text: string) => Buffer.from(text, 'hex');

/**
 * RFC 9180 written from the text with node:crypto, independently of @hpke/core: single-shot
 * SealBase / OpenBase for DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-GCM of either key
 * length. It is what another team would write (or their library does) to seal for identity.
 */
export const reference = (() => {
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
