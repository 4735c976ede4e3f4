import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { NodeHkdfSha256 } from './node-hkdf';
import { hex, reference } from './sealed-box.fixtures';

/**
 * RFC 9180, Appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode
 * (the RFC publishes no X25519 vector with AES-256-GCM; the KEM and KDF are ours, and the
 * AEAD only changes the key length, which the reference implementation (sealed-box.fixtures.ts)
 * checks).
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
      const ekm = await hpke.kem.importKey('raw', new Uint8Array(hex(vector.skEm)).buffer, false);
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
