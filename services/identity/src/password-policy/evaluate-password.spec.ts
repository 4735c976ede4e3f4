import {
  DEFAULT_PASSWORD_POLICY,
  FieldError,
  PasswordPolicy,
  PasswordRuleCodes,
} from '@app/contracts';
import { evaluatePassword } from './evaluate-password';

/**
 * The password policy of spec section 2 (Global Settings), one table per concern. Each row is
 * [what it shows, password, policy (DEFAULT_PASSWORD_POLICY with overrides), the exact sorted
 * list of violation codes (empty when the password is accepted)].
 */

const COMMON = PasswordRuleCodes.COMMON;
const REPEATED = PasswordRuleCodes.REPEATED_CHARACTER;
const FEW_TYPES = PasswordRuleCodes.TOO_FEW_CHARACTER_TYPES;
const TOO_LONG = PasswordRuleCodes.TOO_LONG;
const TOO_SHORT = PasswordRuleCodes.TOO_SHORT;

const RULE_CODES: string[] = Object.values(PasswordRuleCodes);

type Row = [name: string, password: string, policy: PasswordPolicy, expected: string[]];

const policy = (overrides: Partial<PasswordPolicy> = {}): PasswordPolicy => ({
  ...DEFAULT_PASSWORD_POLICY,
  ...overrides,
});
const DEFAULT = DEFAULT_PASSWORD_POLICY;
const good = policy({ minimumStrength: 'good' });
const strong = policy({ minimumStrength: 'strong' });
const excellent = policy({ minimumStrength: 'excellent' });
const min = (minLength: number) => policy({ minLength });

/** `length` characters (code points) taken in turn from `pattern`. */
function cycle(pattern: string, length: number): string {
  const chars = Array.from(pattern);
  return Array.from({ length }, (_, i) => chars[i % chars.length]).join('');
}

/** All four types, no character twice in a row, even where the pattern wraps around. */
const ASCII = 'Kp7#wZ3!qM5&';
/** Letters, a digit and one-code-point emoji (two UTF-16 units each): four types. */
const EMOJI = 'a😀B🎉3🚀';

function codesOf(violations: FieldError[]): string[] {
  return violations.map((v) => v.code).sort();
}

/** Field 'password', a code of PasswordRuleCodes, a non-empty message; one entry per rule. */
function expectWellFormed(violations: FieldError[]): void {
  for (const violation of violations) {
    expect(violation.field).toBe('sealedPassword');
    expect(RULE_CODES).toContain(violation.code);
    expect(typeof violation.message).toBe('string');
    expect(violation.message.trim()).not.toBe('');
  }
  const codes = violations.map((v) => v.code);
  expect(new Set(codes).size).toBe(codes.length);
}

function check(password: string, p: PasswordPolicy, expected: string[]): void {
  const violations = evaluatePassword(password, p);

  expectWellFormed(violations);
  expect(codesOf(violations)).toEqual(expected);
}

describe('evaluatePassword', () => {
  describe('strength "good": at least 3 of the 4 character types, repeats allowed', () => {
    // prettier-ignore
    it.each<Row>([
      ['1 type (lower) is refused',                        'zebrakite',     good, [FEW_TYPES]],
      ['2 types (lower, digit) are refused',               'zebrakite47',   good, [FEW_TYPES]],
      ['2 types (upper, lower) are refused',               'zebraKITE',     good, [FEW_TYPES]],
      ['2 types (upper, special) are refused',             'ZEBRA-KITE',    good, [FEW_TYPES]],
      ['2 types with a repeat are refused for types only', 'zebra77kite',   good, [FEW_TYPES]],
      ['3 types (no special) are accepted',                'Zebrakite47',   good, []],
      ['3 types (no upper) are accepted',                  'zebra-kite47',  good, []],
      ['3 types (no lower) are accepted',                  'ZEBRA-KITE47',  good, []],
      ['3 types (no digit) are accepted',                  'Zebra-Kite',    good, []],
      ['3 types with a repeat are accepted',               'Zebra77kite',   good, []],
      ['4 types are accepted',                             'Zebra-kite47',  good, []],
      ['4 types with a repeat are accepted',               'Zebra--kite47', good, []],
    ])('%s (%s)', (_name, password, p, expected) => check(password, p, expected));

    it('is the default strength', () => {
      expect(DEFAULT.minimumStrength).toBe('good');
      check('Zebra77kite', DEFAULT, []);
      check('zebrakite47', DEFAULT, [FEW_TYPES]);
    });
  });

  describe('strength "strong": 3 types and no character twice in a row, or 4 types', () => {
    // prettier-ignore
    it.each<Row>([
      ['1 type is refused',                                  'zebrakite',     strong, [FEW_TYPES]],
      ['2 types are refused',                                'zebrakite47',   strong, [FEW_TYPES]],
      ['2 types with a repeat break both rules',             'zebra77kite',   strong, [REPEATED, FEW_TYPES]],
      ['3 types without a repeat are accepted',              'Zebrakite47',   strong, []],
      ['3 types (upper, digit, special) are accepted',       'ZEBRA-KITE47',  strong, []],
      ['3 types with a repeated digit are refused',          'Zebra77kite',   strong, [REPEATED]],
      ['3 types with a repeated special are refused',        'ZEBRA--KITE47', strong, [REPEATED]],
      ['3 types with a repeated letter are refused',         'Zebrakitee47',  strong, [REPEATED]],
      ['3 types, a letter next to its other case: accepted', 'ZebrakiteE47',  strong, []],
      ['4 types without a repeat are accepted',              'Zebra-kite47',  strong, []],
      ['4 types with a repeat are accepted',                 'Zebra--kite47', strong, []],
      ['4 types with a character 3 times in a row: accepted','Zebra-kite777', strong, []],
    ])('%s (%s)', (_name, password, p, expected) => check(password, p, expected));
  });

  describe('strength "excellent": 4 types and no character twice in a row', () => {
    // prettier-ignore
    it.each<Row>([
      ['2 types are refused',                             'zebrakite47',   excellent, [FEW_TYPES]],
      ['2 types with a repeat break both rules',          'zebra77kite',   excellent, [REPEATED, FEW_TYPES]],
      ['3 types are refused',                             'Zebrakite47',   excellent, [FEW_TYPES]],
      ['3 types with a repeat break both rules',          'Zebra77kite',   excellent, [REPEATED, FEW_TYPES]],
      ['4 types without a repeat are accepted',           'Zebra-kite47',  excellent, []],
      ['4 types with a repeat in the middle are refused', 'Zebra--kite47', excellent, [REPEATED]],
      ['4 types with a repeat at the start are refused',  'ZZebra-kite47', excellent, [REPEATED]],
      ['4 types with a repeat at the end are refused',    'Zebra-kite477', excellent, [REPEATED]],
      ['the same characters never side by side: accepted','Ab1!Ab1!',      excellent, []],
      ['a letter next to its other case is not a repeat', 'Aa1!Bb2@',      excellent, []],
    ])('%s (%s)', (_name, password, p, expected) => check(password, p, expected));
  });

  describe('length: minLength (8 to 128) and at most 128 characters', () => {
    // prettier-ignore
    it.each<Row>([
      ['minLength 8: 7 characters are too short',          cycle(ASCII, 7),   min(8),   [TOO_SHORT]],
      ['minLength 8: 8 characters are accepted',           cycle(ASCII, 8),   min(8),   []],
      ['minLength 8: 9 characters are accepted',           cycle(ASCII, 9),   min(8),   []],
      ['minLength 12: 11 characters are too short',        cycle(ASCII, 11),  min(12),  [TOO_SHORT]],
      ['minLength 12: 12 characters are accepted',         cycle(ASCII, 12),  min(12),  []],
      ['minLength 12: 13 characters are accepted',         cycle(ASCII, 13),  min(12),  []],
      ['minLength 128: 127 characters are too short',      cycle(ASCII, 127), min(128), [TOO_SHORT]],
      ['minLength 128: 128 characters are accepted',       cycle(ASCII, 128), min(128), []],
      ['minLength 128: 129 characters are too long',       cycle(ASCII, 129), min(128), [TOO_LONG]],
      ['default policy: 128 characters are accepted',      cycle(ASCII, 128), DEFAULT,  []],
      ['default policy: 129 characters are too long',      cycle(ASCII, 129), DEFAULT,  [TOO_LONG]],
      ['excellent: 129 characters are only too long',      cycle(ASCII, 129), excellent, [TOO_LONG]],
      ['the empty password is too short and has no type',  '',                DEFAULT,  [FEW_TYPES, TOO_SHORT]],
    ])('%s', (_name, password, p, expected) => check(password, p, expected));

    describe('counted in characters (code points), not UTF-16 units', () => {
      // prettier-ignore
      it.each<Row>([
        ['minLength 8: 7 characters (11 UTF-16 units) are too short', 'Ab1😀🎉🚀🌟',       min(8),   [TOO_SHORT]],
        ['minLength 12: 11 characters (16 units) are too short',      cycle(EMOJI, 11),  min(12),  [TOO_SHORT]],
        ['minLength 12: 12 characters (18 units) are accepted',       cycle(EMOJI, 12),  min(12),  []],
        ['default: 128 characters (192 units) are accepted',          cycle(EMOJI, 128), DEFAULT,  []],
        ['minLength 128: 128 characters (192 units) are accepted',    cycle(EMOJI, 128), min(128), []],
        ['default: 129 characters (193 units) are too long',          cycle(EMOJI, 129), DEFAULT,  [TOO_LONG]],
      ])('%s', (_name, password, p, expected) => {
        expect(password.length).toBeGreaterThan(Array.from(password).length);
        check(password, p, expected);
      });
    });
  });

  describe('common passwords: case-insensitive, also without leading/trailing digits and symbols', () => {
    // prettier-ignore
    it.each<Row>([
      ['a common password is refused',                   'password',          DEFAULT,   [COMMON, FEW_TYPES]],
      ['upper case does not hide it',                    'PASSWORD',          DEFAULT,   [COMMON, FEW_TYPES]],
      ['mixed case does not hide it',                    'pAsSwOrD',          DEFAULT,   [COMMON, FEW_TYPES]],
      ['a trailing digit and symbol do not hide it',     'Password1!',        DEFAULT,   [COMMON]],
      ['leading symbols, trailing digits: still common', '!!Password2024',    DEFAULT,   [COMMON]],
      ['leading digits, trailing symbols: still common', '2024Dragon!!',      DEFAULT,   [COMMON]],
      ['a common password with digits is refused',       'qwerty123',         DEFAULT,   [COMMON, FEW_TYPES]],
      ['a short common password breaks three rules',     'dragon',            DEFAULT,   [COMMON, FEW_TYPES, TOO_SHORT]],
      ['a common word in the middle is accepted',        'myPassword-zebra7', DEFAULT,   []],
      ['a common word in the middle, excellent: accepted','my-Dragon-zebra7', excellent, []],
      ['excellent reports the repeat and the common',    'Password1!',        excellent, [COMMON, REPEATED]],
    ])('%s (%s)', (_name, password, p, expected) => check(password, p, expected));

    describe('rejectCommonPasswords false: only the other rules apply', () => {
      const allow = policy({ rejectCommonPasswords: false });
      const allowExcellent = policy({ rejectCommonPasswords: false, minimumStrength: 'excellent' });
      const allowMin16 = policy({ rejectCommonPasswords: false, minLength: 16 });
      // prettier-ignore
      it.each<Row>([
        ['common, 1 type',              'password',       allow,          [FEW_TYPES]],
        ['common, upper case, 1 type',  'PASSWORD',       allow,          [FEW_TYPES]],
        ['common, dressed up, 4 types', 'Password1!',     allow,          []],
        ['common, dressed up, 4 types', '!!Password2024', allow,          []],
        ['common, 2 types',             'qwerty123',      allow,          [FEW_TYPES]],
        ['common, short, 1 type',       'dragon',         allow,          [FEW_TYPES, TOO_SHORT]],
        ['common, excellent, repeat',   'Password1!',     allowExcellent, [REPEATED]],
        ['common, minLength 16',        '!!Password2024', allowMin16,     [TOO_SHORT]],
      ])('%s (%s)', (_name, password, p, expected) => check(password, p, expected));
    });
  });

  describe('Unicode character types', () => {
    // prettier-ignore
    it.each<Row>([
      // Accented letters are lower- and upper-case letters.
      ['accented upper and lower letters are 2 types',     'ÉéÀàÜüÖö',          good,      [FEW_TYPES]],
      ['accented upper, lower and a digit are 3 types',    'ÉéÀàÜüÖö1',         good,      []],
      ['accented lower letters and digits are 2 types',    'éàüöçñ12',          good,      [FEW_TYPES]],
      ['accented upper letters and digits are 2 types',    'ÉÀÜÖÇÑ12',          good,      [FEW_TYPES]],
      ['no capital: 3 types',                              'éléphant-1',        excellent, [FEW_TYPES]],
      ['an accented capital completes the 4 types',        'Éléphant-1',        excellent, []],
      ['a repeated accented letter is a repeat',           'Ééé1ÀàÖü',          strong,    [REPEATED]],
      ['Cyrillic upper and lower letters count',           'Жираф7луна',        good,      []],
      // Decimal digits of any script are digits.
      ['an Arabic-Indic digit is the 3rd type',            'zebra-kite٣',       good,      []],
      ['an Arabic-Indic digit completes the 4 types',      'Zebra-kite٣',       excellent, []],
      ['a Devanagari digit completes the 4 types',         'Zebra-kite३',       excellent, []],
      ['Arabic-Indic digits only are 1 type',              '٣٤٥٦٧٨٩٠',          good,      [FEW_TYPES]],
      // Letters without case (CJK) and emoji are special characters.
      ['CJK letters are special: the 3rd type',            '密码zebra7',         good,      []],
      ['CJK letters complete the 4 types',                 'Zebra密码7',         excellent, []],
      ['CJK letters only are 1 type',                      '密码安全通行证书',     good,      [FEW_TYPES]],
      ['an emoji is special: the 3rd type',                'zebra😀kite7',       good,      []],
      ['an emoji completes the 4 types',                   'Zebrakite7😀',       excellent, []],
      ['lower letters and an emoji are 2 types',           'zebrakite😀',        good,      [FEW_TYPES]],
      // Title-case letters (Lt) count as upper-case.
      ['a title-case letter (ǅ) is upper: the 3rd type',   'ǅebrakite7',        good,      []],
      ['a title-case letter (ǅ) completes the 4 types',    'ǅebra-kite7',       excellent, []],
      // Repeats are compared by character (code point).
      ['a repeated emoji is a repeated character',         'Zebra-kite7😀😀',    excellent, [REPEATED]],
      ['a repeated emoji is a repeat at 3 types',          'zebra😀😀kite7',     strong,    [REPEATED]],
      ['two different emoji side by side are no repeat',   'Zebra-kite7😀😁',    excellent, []],
      // Passwords are compared in Unicode NFC: a decomposed é is the precomposed é.
      ['a decomposed é is a lower-case letter (NFC)',      'cafe\u0301zebra7',  good,      [FEW_TYPES]],
      ['the precomposed é is a lower-case letter',         'caf\u00e9zebra7',   good,      [FEW_TYPES]],
      ['a decomposed é is one character (NFC)',           'Cafe\u0301s12',     good,      [TOO_SHORT]],
      ['the precomposed é is one character',               'Caf\u00e9s12',      good,      [TOO_SHORT]],
      ['a decomposed éé is a repeat once normalized',      'Zebra-kite7e\u0301e\u0301', excellent, [REPEATED]],
      ['a mark that composes with nothing is special',     'zebra7\u0301kite', good,      []],
    ])('%s (%s)', (_name, password, p, expected) => check(password, p, expected));
  });

  describe('violations', () => {
    const excellent12 = policy({ minimumStrength: 'excellent', minLength: 12 });
    // prettier-ignore
    it.each<Row>([
      ['too short',                               cycle(ASCII, 7),       DEFAULT,     [TOO_SHORT]],
      ['too long',                                cycle(ASCII, 200),     DEFAULT,     [TOO_LONG]],
      ['too few types',                           'zebrakite',           DEFAULT,     [FEW_TYPES]],
      ['repeated character',                      'Zebra--kite47',       excellent,   [REPEATED]],
      ['common',                                  'Password1!',          DEFAULT,     [COMMON]],
      ['short, 1 type, repeated and common',      '111111',              excellent,   [COMMON, REPEATED, FEW_TYPES, TOO_SHORT]],
      ['too long, 1 type and repeated',           'a'.repeat(129),       strong,      [REPEATED, FEW_TYPES, TOO_LONG]],
      ['short, 2 types and repeated',             'zz11',                excellent12, [REPEATED, FEW_TYPES, TOO_SHORT]],
    ])('%s: one well-formed entry per broken rule', (_name, password, p, expected) =>
      check(password, p, expected),
    );

    it('names the password field, a rule code and a non-empty message in every entry', () => {
      const violations = evaluatePassword('111111', excellent);

      expect(violations).toHaveLength(4);
      for (const violation of violations) {
        expect(Object.keys(violation).sort()).toEqual(['code', 'field', 'message']);
        expect(violation.field).toBe('sealedPassword');
        expect(RULE_CODES).toContain(violation.code);
        expect(violation.message).toMatch(/\S/);
      }
    });

    it('is an empty list for an accepted password', () => {
      expect(evaluatePassword('Zebra-kite47', excellent)).toEqual([]);
    });
  });
});
