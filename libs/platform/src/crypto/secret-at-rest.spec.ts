import { generateSealingKeyPair } from './sealed-box';
import { atRestKeyId, decryptAtRest, encryptAtRest } from './secret-at-rest';

describe('Secrets at rest', () => {
  const key = generateSealingKeyPair();
  const other = generateSealingKeyPair();

  it('decrypts what it encrypted, for the same key and context, and names the key', () => {
    const text = encryptAtRest('Pässwörd-42', key, 'import-1:7');
    expect(text).toMatch(new RegExp(`^aes\\.${key.keyId}\\.`));
    // The secret appears neither as text nor as its bytes (a random key id may hold "42").
    expect(text).not.toContain('Pässwörd');
    const sealed = Buffer.from(text.split('.')[3], 'base64url');
    expect(sealed.includes(Buffer.from('Pässwörd-42'))).toBe(false);
    expect(atRestKeyId(text)).toBe(key.keyId);
    expect(decryptAtRest(text, key, 'import-1:7').toString('utf8')).toBe('Pässwörd-42');
  });

  it('encrypts the same secret differently every time', () => {
    expect(encryptAtRest('same', key, 'c')).not.toBe(encryptAtRest('same', key, 'c'));
  });

  it('refuses another key, another context, an altered text and what is not a secret', () => {
    const text = encryptAtRest('secret', key, 'import-1:7');
    expect(() => decryptAtRest(text, other, 'import-1:7')).toThrow();
    expect(() => decryptAtRest(text, key, 'import-1:8')).toThrow();
    // Not the last character: some of its bits may be padding, which decoding ignores.
    const at = text.length - 4;
    const altered = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    expect(() => decryptAtRest(altered, key, 'import-1:7')).toThrow();
    expect(() => decryptAtRest('hpke.0000000000000000.a.b', key, 'c')).toThrow();
    expect(atRestKeyId('hpke.0000000000000000.a.b')).toBeUndefined();
  });
});
