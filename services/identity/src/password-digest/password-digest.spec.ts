import { randomBytes } from 'node:crypto';
import { PASSWORD_DIGEST_PATTERN } from '@app/contracts';
import { digestMatches, digestPassword } from './password-digest';

describe('Password digests', () => {
  const secret = randomBytes(32);

  it('matches the password it was made of, and no other', () => {
    const digest = digestPassword(secret, 'Tech-Pace-42');
    expect(digest).toMatch(PASSWORD_DIGEST_PATTERN);
    expect(digestMatches(secret, digest, 'Tech-Pace-42')).toBe(true);
    expect(digestMatches(secret, digest, 'Tech-Pace-43')).toBe(false);
    expect(digestMatches(secret, digest, 'tech-pace-42')).toBe(false);
  });

  it('differs for one password each time (salted), and says nothing without the secret', () => {
    const [one, two] = [digestPassword(secret, 'same'), digestPassword(secret, 'same')];
    expect(one).not.toBe(two);
    expect(digestMatches(secret, two, 'same')).toBe(true);
    expect(digestMatches(randomBytes(32), one, 'same')).toBe(false);
  });

  it('refuses a malformed digest', () => {
    expect(digestMatches(secret, 'sha256.abc.def', 'same')).toBe(false);
    expect(digestMatches(secret, '', 'same')).toBe(false);
  });
});
