import fc from 'fast-check';
import { ErrorCodes, IMPORT_BOOLEAN_COLUMNS, IMPORT_COLUMNS, ImportColumn } from '@app/contracts';
import type { CellValue, ParsedRecord } from '../parsing/parsed-import-file';
import { validateRows, ValidatedRow } from './validate-rows';

/**
 * Row-level checks of spec section 4 (with the field rules of section 2): each row fails
 * alone, with errors naming the file column and a row code.
 */

const GROUP_ID = '3f0c2a6e-8d1b-4c47-9a7e-2b5d6c8e9f01';
const GLOBAL_GROUP_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const PASSWORD = 'Unique-Pa55word!';

const ROW_CODES: string[] = [
  ErrorCodes.VALIDATION_FAILED,
  ErrorCodes.INVALID_EMAIL,
  ErrorCodes.INVALID_BOOLEAN,
  ErrorCodes.FIELD_TOO_LONG,
  ErrorCodes.DUPLICATE_IN_FILE,
  ErrorCodes.GROUP_REQUIRED,
  ErrorCodes.GROUP_NOT_FOUND,
];

type Cells = Partial<Record<ImportColumn, CellValue>>;

/** A valid row, with `overrides` applied (undefined removes nothing: it sets the cell). */
function record(overrides: Cells = {}, row = 1): ParsedRecord {
  return {
    row,
    line: row + 1,
    cells: {
      Name: 'Ann Lee',
      Nickname: 'Annie',
      Email: 'ann.lee@example.com',
      'Single Sign-On ID': 'sso-ann',
      Description: 'Night shift',
      Password: PASSWORD,
      Enabled: 'yes',
      'Standard License': 'yes',
      'Mobile License': 'no',
      'Tech Group ID': GROUP_ID,
      ...overrides,
    },
  };
}

function validateOne(overrides: Cells, globalGroupId?: string): ValidatedRow {
  const [result] = validateRows([record(overrides)], { globalGroupId });
  return result;
}

const errorsOf = (result: ValidatedRow) =>
  result.errors.map(({ field, code }) => ({ field, code }));
const fail = (field: ImportColumn, code: string) => [{ field, code }];

/** An address of exactly `length` characters that is valid apart from its length. */
function emailOfLength(length: number): string {
  const labels: string[] = [];
  // Local part of 64, "@", labels of at most 63 joined by dots, ".com".
  let remaining = length - 64 - 1 - '.com'.length;
  for (; remaining > 63; remaining -= 64) labels.push('b'.repeat(63));
  labels.push('b'.repeat(remaining));
  const email = `${'a'.repeat(64)}@${labels.join('.')}.com`;
  if (email.length !== length) throw new Error(`emailOfLength(${length}) gave ${email.length}`);
  return email;
}

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

  it.each([
    ['Name', 'n'.repeat(129)],
    ['Nickname', 'k'.repeat(129)],
    ['Email', emailOfLength(255)],
    ['Single Sign-On ID', 's'.repeat(129)],
    ['Description', 'd'.repeat(1025)],
  ] as const)('%s one character over its limit is FIELD_TOO_LONG', (column, value) => {
    expect(errorsOf(validateOne({ [column]: value }))).toEqual(
      fail(column, ErrorCodes.FIELD_TOO_LONG),
    );
  });

  it.each([
    ['Name', 'n'.repeat(128)],
    ['Nickname', 'k'.repeat(128)],
    ['Email', emailOfLength(254)],
    ['Single Sign-On ID', 's'.repeat(128)],
    ['Description', 'd'.repeat(1024)],
  ] as const)('%s at its limit is accepted', (column, value) => {
    expect(errorsOf(validateOne({ [column]: value }))).toEqual([]);
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

describe('validateRows: duplicates within the file', () => {
  const emails = ['ann@example.com', 'ANN@example.com', 'Ann@Example.COM', 'bob@example.com'];

  it('flags the second and later occurrences of an email, compared case-insensitively', () => {
    const results = validateRows(
      emails.map((Email, i) => record({ Email, 'Single Sign-On ID': `sso-${i}` }, i + 1)),
      {},
    );
    expect(results.map(errorsOf)).toEqual([
      [],
      fail('Email', ErrorCodes.DUPLICATE_IN_FILE),
      fail('Email', ErrorCodes.DUPLICATE_IN_FILE),
      [],
    ]);
    expect(results.map((r) => r.technician !== undefined)).toEqual([true, false, false, true]);
  });

  it('flags the second and later occurrences of a Single Sign-On ID', () => {
    const ssoIds = ['sso-1', 'sso-2', 'sso-1', 'sso-1', ''];
    const results = validateRows(
      ssoIds.map((sso, i) =>
        record({ Email: `tech${i}@example.com`, 'Single Sign-On ID': sso }, i + 1),
      ),
      {},
    );
    expect(results.map(errorsOf)).toEqual([
      [],
      [],
      fail('Single Sign-On ID', ErrorCodes.DUPLICATE_IN_FILE),
      fail('Single Sign-On ID', ErrorCodes.DUPLICATE_IN_FILE),
      [],
    ]);
  });

  it('does not treat several blank Single Sign-On IDs as duplicates', () => {
    const results = validateRows(
      [1, 2, 3].map((i) => record({ Email: `t${i}@example.com`, 'Single Sign-On ID': '' }, i)),
      {},
    );
    expect(results.map(errorsOf)).toEqual([[], [], []]);
  });

  it('flags both an email and a Single Sign-On ID repeated in the same row', () => {
    const results = validateRows([record({}, 1), record({}, 2)], {});
    expect(results.map(errorsOf)).toEqual([
      [],
      [
        { field: 'Email', code: ErrorCodes.DUPLICATE_IN_FILE },
        { field: 'Single Sign-On ID', code: ErrorCodes.DUPLICATE_IN_FILE },
      ],
    ]);
  });
});

describe('validateRows: Tech Group ID', () => {
  it.each([
    ['a number', 42],
    ['a boolean', true],
  ])('a cell that is %s (JSON) is one error: it must be text', (_name, value) => {
    expect(errorsOf(validateOne({ 'Tech Group ID': value }))).toEqual(
      fail('Tech Group ID', ErrorCodes.VALIDATION_FAILED),
    );
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   '],
    ['null', null],
  ])('without a global group, a %s cell is GROUP_REQUIRED', (_name, value) => {
    expect(errorsOf(validateOne({ 'Tech Group ID': value }))).toEqual(
      fail('Tech Group ID', ErrorCodes.GROUP_REQUIRED),
    );
  });

  it.each([
    'not-a-uuid',
    '42',
    GROUP_ID.slice(1),
    `${GROUP_ID}0`,
    `{${GROUP_ID}}`,
    GROUP_ID.replace(/-/g, ''),
  ])('without a global group, %j is GROUP_NOT_FOUND', (value) => {
    expect(errorsOf(validateOne({ 'Tech Group ID': value }))).toEqual(
      fail('Tech Group ID', ErrorCodes.GROUP_NOT_FOUND),
    );
  });

  it('takes the group of the cell (trimmed, lower-cased) without a global group', () => {
    const result = validateOne({ 'Tech Group ID': `  ${GROUP_ID.toUpperCase()} ` });
    expect(errorsOf(result)).toEqual([]);
    expect(result.technician?.groupId).toBe(GROUP_ID);
  });

  it.each([
    ['blank', ''],
    ['null', null],
    ['another group', GROUP_ID],
    ['not a UUID', 'whatever'],
  ])('a global group overrides a %s cell', (_name, value) => {
    const result = validateOne({ 'Tech Group ID': value }, GLOBAL_GROUP_ID);
    expect(errorsOf(result)).toEqual([]);
    expect(result.technician?.groupId).toBe(GLOBAL_GROUP_ID);
  });
});

describe('validateRows: what a row becomes', () => {
  it('a valid row gives the technician of the create command, and the password apart', () => {
    const result = validateOne({});
    expect(result).toEqual({
      row: 1,
      line: 2,
      errors: [],
      password: PASSWORD,
      cells: {
        Name: 'Ann Lee',
        Nickname: 'Annie',
        Email: 'ann.lee@example.com',
        'Single Sign-On ID': 'sso-ann',
        Description: 'Night shift',
        Enabled: 'yes',
        'Standard License': 'yes',
        'Mobile License': 'no',
        'Tech Group ID': GROUP_ID,
      },
      technician: {
        name: 'Ann Lee',
        nickname: 'Annie',
        email: 'ann.lee@example.com',
        ssoId: 'sso-ann',
        description: 'Night shift',
        enabled: true,
        standardLicense: true,
        mobileLicense: false,
        groupId: GROUP_ID,
      },
    });
  });

  it('trims the name, nickname, email and Single Sign-On ID', () => {
    const result = validateOne({
      Name: '  Ann Lee \t',
      Nickname: ' Annie ',
      Email: ' ann.lee@example.com ',
      'Single Sign-On ID': ' sso-ann ',
    });
    expect(result.technician).toMatchObject({
      name: 'Ann Lee',
      nickname: 'Annie',
      email: 'ann.lee@example.com',
      ssoId: 'sso-ann',
    });
  });

  it('gives undefined for a blank nickname, Single Sign-On ID and description', () => {
    const technician = validateOne({
      Nickname: '',
      'Single Sign-On ID': '  ',
      Description: '',
    }).technician;
    expect(technician).toBeDefined();
    expect(technician?.nickname).toBeUndefined();
    expect(technician?.ssoId).toBeUndefined();
    expect(technician?.description).toBeUndefined();
  });

  it('shows JSON booleans as text in the cells', () => {
    const result = validateOne({
      Enabled: false,
      'Standard License': true,
      'Mobile License': false,
    });
    expect(result.cells).toMatchObject({
      Enabled: 'false',
      'Standard License': 'true',
      'Mobile License': 'false',
    });
    expect(result.technician).toMatchObject({
      enabled: false,
      standardLicense: true,
      mobileLicense: false,
    });
  });

  it.each([
    ['a valid row', {}],
    ['a row with errors', { Email: 'nope', 'Tech Group ID': '' }],
    ['a row whose password is the only error', { Password: 42 }],
  ])('the password never appears in the cells of %s', (_name, overrides) => {
    const result = validateOne(overrides);
    expect(Object.keys(result.cells)).not.toContain('Password');
    expect(Object.keys(result.cells)).toEqual(IMPORT_COLUMNS.filter((c) => c !== 'Password'));
    expect(JSON.stringify(result.cells)).not.toContain(PASSWORD);
    expect(JSON.stringify(result.errors)).not.toContain(PASSWORD);
  });

  it('keeps row and line of each record', () => {
    const results = validateRows(
      [
        { ...record({ Email: 'a@example.com', 'Single Sign-On ID': '' }), row: 1, line: 2 },
        { ...record({ Email: 'b@example.com', 'Single Sign-On ID': '' }), row: 2, line: 7 },
        { ...record({ Email: 'c@example.com', 'Single Sign-On ID': '' }), row: 3, line: null },
      ],
      {},
    );
    expect(results.map((r) => [r.row, r.line])).toEqual([
      [1, 2],
      [2, 7],
      [3, null],
    ]);
  });
});

describe('validateRows: never throws', () => {
  const wellFormed = (results: ValidatedRow[], count: number) => {
    expect(results).toHaveLength(count);
    for (const result of results) {
      for (const error of result.errors) {
        expect(IMPORT_COLUMNS as readonly string[]).toContain(error.field);
        expect(ROW_CODES).toContain(error.code);
        expect(typeof error.message).toBe('string');
      }
      expect(result.technician === undefined).toBe(result.errors.length > 0);
      expect(Object.keys(result.cells)).not.toContain('Password');
    }
  };
  const cell = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ maxLength: 1100 }),
    fc.constantFrom(
      '',
      ' ',
      'yes',
      'No',
      'enabled',
      GROUP_ID,
      'ann@example.com',
      'ANN@example.com',
    ),
  );
  const row = fc.record(
    Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, cell])) as Record<
      ImportColumn,
      fc.Arbitrary<string>
    >,
  );
  const anyValue = fc.oneof(cell, fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
  const jsonRow = fc.record(
    Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, anyValue])) as Record<
      ImportColumn,
      fc.Arbitrary<CellValue>
    >,
  );
  const options = fc.option(fc.constantFrom(GROUP_ID, GLOBAL_GROUP_ID), { nil: undefined });

  it('for any strings in the cells', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), options, (cells, globalGroupId) => {
        const records = cells.map((c, i) => ({ row: i + 1, line: i + 2, cells: c }));
        wellFormed(validateRows(records, { globalGroupId }), records.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('for any JSON values in the cells', () => {
    fc.assert(
      fc.property(fc.array(jsonRow, { maxLength: 8 }), options, (cells, globalGroupId) => {
        const records = cells.map((c, i) => ({ row: i + 1, line: null, cells: c }));
        wellFormed(validateRows(records, { globalGroupId }), records.length);
      }),
      { numRuns: 1000 },
    );
  });
});
