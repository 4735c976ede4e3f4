import { SEALED_SECRET_PATTERN } from '@app/contracts';
import { generateSealingKeyPair, open, seal, SealedBoxError, sealedKeyId } from './sealed-box';

describe('sealed boxes', () => {
  const keyPair = generateSealingKeyPair();

  it.each(['Correct-Horse-9', 'Pässwörd 🔑 with spaces', 'x'.repeat(128), ''])(
    'round-trips %j, and the box never contains it',
    (secret) => {
      const box = seal(secret, keyPair);

      expect(box).toMatch(SEALED_SECRET_PATTERN);
      if (secret.length > 3) expect(box).not.toContain(secret);
      expect(sealedKeyId(box)).toBe(keyPair.keyId);
      expect(open(box, keyPair)).toBe(secret);
    },
  );

  it('seals the same secret differently every time', () => {
    expect(seal('same', keyPair)).not.toBe(seal('same', keyPair));
  });

  it('does not open with another key', () => {
    const other = generateSealingKeyPair();
    expect(() => open(seal('secret', keyPair), other)).toThrow(SealedBoxError);
  });

  it('detects tampering with any part', () => {
    const parts = seal('secret', keyPair).split('.');
    for (const index of [3, 4, 5, 6]) {
      const tampered = [...parts];
      const value = tampered[index];
      tampered[index] = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
      expect(() => open(tampered.join('.'), keyPair)).toThrow(SealedBoxError);
    }
  });

  it('refuses what is not a box', () => {
    expect(() => open('plaintext-password', keyPair)).toThrow(SealedBoxError);
    expect(sealedKeyId('plaintext-password')).toBeUndefined();
  });
});
