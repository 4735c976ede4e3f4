import { COMMON_PASSWORD_COUNT, isCommonPassword } from './common-passwords';

/**
 * Spec section 2: a bundled list of at least 10,000 commonly used passwords, compared
 * case-insensitively, also after removing leading and trailing digits and symbols.
 */
describe('common passwords', () => {
  it('bundles at least 10,000 passwords', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(10_000);
  });

  describe('isCommonPassword', () => {
    // prettier-ignore
    it.each([
      ['listed as given',                           'password'],
      ['upper case',                                'PASSWORD'],
      ['mixed case',                                'pAsSwOrD'],
      ['a trailing digit and symbol',               'Password1!'],
      ['leading symbols and trailing digits',       '!!Password2024'],
      ['leading digits and trailing symbols',       '2024Dragon!!'],
      ['a listed password with digits',             'qwerty123'],
      ['the same without its digits',               'qwerty'],
      ['a short listed password',                   'dragon'],
      ['a capital and a trailing symbol',           'Dragon!'],
      ['a listed password of digits only',          '123456'],
      ['non-ASCII punctuation around it',           '«password»'],
      ['digits of another script before it',        '٣password'],
    ])('finds a common password: %s (%s)', (_name, password) => {
      expect(isCommonPassword(password)).toBe(true);
    });

    // prettier-ignore
    it.each([
      ['a common word in the middle',               'myPassword-zebra7'],
      ['a common word at the start, letters after', 'password-zebra'],
      ['a common word at the end, letters before',  'zebra-password'],
      ['a common word between letters',             'xpasswordx'],
      ['a made-up password',                        'Zebra7-kite4'],
      ['an accented made-up password',              'Éléphant-1'],
    ])('does not find: %s (%s)', (_name, password) => {
      expect(isCommonPassword(password)).toBe(false);
    });

    // prettier-ignore
    it.each([
      ['the empty string',                     ''],
      ['one symbol',                           '-'],
      ['symbols only',                         '!!!!'],
      ['a keyboard row of symbols',            '!@#$%^&*'],
      ['other symbols only',                   '~}|{'],
      ['spaces only',                          '   '],
      ['digits only, not in the list',         '90817263545'],
      ['emoji only',                           '😀🎉🚀'],
    ])('answers false without crashing for %s (%j)', (_name, password) => {
      expect(isCommonPassword(password)).toBe(false);
    });

    it('gives the same answer on repeated calls (no state kept between calls)', () => {
      for (let i = 0; i < 3; i++) {
        expect(isCommonPassword('Password1!')).toBe(true);
        expect(isCommonPassword('myPassword-zebra7')).toBe(false);
      }
    });
  });
});
