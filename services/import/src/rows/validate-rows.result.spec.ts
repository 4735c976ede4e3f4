import fc from 'fast-check';
import { IMPORT_COLUMNS, ImportColumn } from '@app/contracts';
import type { CellValue } from '../parsing/parsed-import-file';
import { validateRows, ValidatedRow } from './validate-rows';
import {
  GROUP_ID,
  GLOBAL_GROUP_ID,
  PASSWORD,
  ROW_CODES,
  record,
  validateOne,
} from './validate-rows.fixtures';

/**
 * What a row becomes (the create command's fields, the password apart, the cells as
 * shown), and that validateRows never throws.
 */

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
