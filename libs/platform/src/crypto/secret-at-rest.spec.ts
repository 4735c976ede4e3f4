import { generateSealingKeyPair } from './sealed-box';
import { atRestKeyId, decryptAtRest, encryptAtRest } from './secret-at-rest';

describe('Secrets at rest', () => {
  const key = generateSealingKeyPair();
  const other = generateSealingKeyPair();

  it('decrypts what it encrypted, for the same key and context, and names the key', () => {
    const text = encryptAtRest('Pässwörd-42', key, 'import-1:7');
    expect(text).toMatch(new RegExp(`^aes\\.${key.keyId}\\.`));
    expect(text).not.toContain('42');
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
    const last = text.at(-1) === 'A' ? 'B' : 'A';
    expect(() => decryptAtRest(text.slice(0, -1) + last, key, 'import-1:7')).toThrow();
    expect(() => decryptAtRest('hpke.0000000000000000.a.b', key, 'c')).toThrow();
    expect(atRestKeyId('hpke.0000000000000000.a.b')).toBeUndefined();
  });
});
