import { ErrorCodes, IMPORT_BOOLEAN_COLUMNS, ImportColumn } from '@app/contracts';
import type { CellValue } from '../parsing/parsed-import-file';
import { validateOne, errorsOf, fail, emailOfLength } from './validate-rows.fixtures';

/**
 * Row-level checks of spec section 4 (with the field rules of section 2), cell by cell:
 * required cells, field rules and booleans. Each row fails alone, with errors naming the
 * file column and a row code.
 */

describe('validateRows: required cells', () => {
  const required: ImportColumn[] = [
    'Name',
    'Email',
    'Password',
    'Enabled',
    'Standard License',
    'Mobile License',
  ];
  const blanks: [string, CellValue | undefined][] = [
    ['empty', ''],
    ['whitespace only', ' \t '],
    ['null (JSON)', null],
    ['missing', undefined],
  ];

  describe.each(required)('%s', (column) => {
    it.each(blanks)('%s is VALIDATION_FAILED on that column, once', (_name, value) => {
      const result = validateOne({ [column]: value });
      expect(errorsOf(result)).toEqual(fail(column, ErrorCodes.VALIDATION_FAILED));
      expect(result.technician).toBeUndefined();
      expect(result.password).toBeUndefined();
    });
  });

  it('reports every missing required cell of a row, each once, in column order', () => {
    const result = validateOne({
      Name: '',
      Email: ' ',
      Password: null,
      Enabled: '',
      'Standard License': '',
      'Mobile License': '',
    });
    expect(errorsOf(result)).toEqual(
      required.map((field) => ({ field, code: ErrorCodes.VALIDATION_FAILED })),
    );
  });

  it.each([
    ['Nickname', ''],
    ['Single Sign-On ID', ''],
    ['Description', ''],
    ['Nickname', null],
    ['Single Sign-On ID', '   '],
    ['Description', '  '],
  ] as const)('%s may be blank (%j)', (column, value) => {
    expect(errorsOf(validateOne({ [column]: value }))).toEqual([]);
  });
});

describe('validateRows: field rules', () => {
  it.each([
    ['no @', 'ann.example.com'],
    ['no local part', '@example.com'],
    ['no domain', 'ann@'],
    ['no top-level domain', 'ann@example'],
    ['two @', 'ann@@example.com'],
    ['a space inside', 'ann lee@example.com'],
    ['a display name', 'Ann Lee <ann@example.com>'],
  ])('an email with %s is INVALID_EMAIL', (_name, email) => {
    expect(errorsOf(validateOne({ Email: email }))).toEqual(
      fail('Email', ErrorCodes.INVALID_EMAIL),
    );
  });

  /** Each text column's limit, and a valid text of any length for it. */
  const limits = [
    ['Name', 128, (length: number) => 'n'.repeat(length)],
    ['Nickname', 128, (length: number) => 'k'.repeat(length)],
    ['Email', 254, emailOfLength],
    ['Single Sign-On ID', 128, (length: number) => 's'.repeat(length)],
    ['Description', 1024, (length: number) => 'd'.repeat(length)],
  ] as const;

  it.each(limits)(
    '%s one character over its limit (%i) is FIELD_TOO_LONG',
    (column, limit, text) => {
      expect(errorsOf(validateOne({ [column]: text(limit + 1) }))).toEqual(
        fail(column, ErrorCodes.FIELD_TOO_LONG),
      );
    },
  );

  it.each(limits)('%s at its limit (%i) is accepted', (column, limit, text) => {
    expect(errorsOf(validateOne({ [column]: text(limit) }))).toEqual([]);
  });

  it('trims names before checking their length', () => {
    expect(errorsOf(validateOne({ Name: `  ${'n'.repeat(128)}  ` }))).toEqual([]);
  });

  it.each([
    ['a number for Name', { Name: 42 }, 'Name'],
    ['a boolean for Name', { Name: true }, 'Name'],
    ['an object for Name', { Name: { first: 'Ann' } }, 'Name'],
    ['a number for Email', { Email: 7 }, 'Email'],
    ['an array for Description', { Description: ['a', 'b'] }, 'Description'],
    ['a boolean for Nickname', { Nickname: false }, 'Nickname'],
    ['a number for Password', { Password: 12345678 }, 'Password'],
  ] as const)('%s is VALIDATION_FAILED on that column', (_name, cells, column) => {
    const result = validateOne(cells);
    expect(errorsOf(result)).toEqual(fail(column, ErrorCodes.VALIDATION_FAILED));
    expect(result.technician).toBeUndefined();
  });

  it('keeps checking the other cells of a row with an error', () => {
    const result = validateOne({ Name: 42, Email: 'nope', Enabled: 'maybe' });
    const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);
    expect(errorsOf(result).sort(byField)).toEqual([
      { field: 'Email', code: ErrorCodes.INVALID_EMAIL },
      { field: 'Enabled', code: ErrorCodes.INVALID_BOOLEAN },
      { field: 'Name', code: ErrorCodes.VALIDATION_FAILED },
    ]);
  });
});

describe('validateRows: booleans', () => {
  const casings = (word: string) => [
    word,
    word.toUpperCase(),
    word[0].toUpperCase() + word.slice(1),
    ` ${word} `,
  ];
  const accepted = (words: string[], value: boolean) =>
    words.flatMap(casings).map((word) => [word, value] as const);
  const COMMON = [
    ...accepted(['true', 'yes', '1', 'y'], true),
    ...accepted(['false', 'no', '0', 'n'], false),
    ['yEs', true] as const,
    ['fAlSe', false] as const,
  ];
  const FIELD = {
    Enabled: 'enabled',
    'Standard License': 'standardLicense',
    'Mobile License': 'mobileLicense',
  } as const;

  describe.each(IMPORT_BOOLEAN_COLUMNS)('%s', (column) => {
    it.each(COMMON)('accepts %j as %s', (word, value) => {
      const result = validateOne({ [column]: word });
      expect(errorsOf(result)).toEqual([]);
      expect(result.technician?.[FIELD[column as keyof typeof FIELD]]).toBe(value);
    });

    it.each([true, false])('accepts the JSON boolean %s', (value) => {
      const result = validateOne({ [column]: value });
      expect(errorsOf(result)).toEqual([]);
      expect(result.technician?.[FIELD[column as keyof typeof FIELD]]).toBe(value);
    });

    it.each(['maybe', 'on', 'off', 't', 'f', '2', '-1', 'yes please', 'ja', '1.0'])(
      'refuses %j as INVALID_BOOLEAN',
      (word) => {
        expect(errorsOf(validateOne({ [column]: word }))).toEqual(
          fail(column, ErrorCodes.INVALID_BOOLEAN),
        );
      },
    );

    it('refuses a JSON number as INVALID_BOOLEAN', () => {
      expect(errorsOf(validateOne({ [column]: 1 }))).toEqual(
        fail(column, ErrorCodes.INVALID_BOOLEAN),
      );
    });
  });

  it.each([
    ...accepted(['enabled'], true),
    ...accepted(['disabled'], false),
    ['eNaBlEd', true] as const,
  ])('Enabled also accepts %j as %s', (word, value) => {
    const result = validateOne({ Enabled: word });
    expect(errorsOf(result)).toEqual([]);
    expect(result.technician?.enabled).toBe(value);
  });

  it.each([
    ['Standard License', 'enabled'],
    ['Standard License', 'disabled'],
    ['Mobile License', 'enabled'],
    ['Mobile License', 'Disabled'],
  ] as const)('%s does not accept %j', (column, word) => {
    expect(errorsOf(validateOne({ [column]: word }))).toEqual(
      fail(column, ErrorCodes.INVALID_BOOLEAN),
    );
  });
});
