import { ErrorCodes } from '@app/contracts';
import { validateRows } from './validate-rows';
import {
  GROUP_ID,
  GLOBAL_GROUP_ID,
  record,
  validateOne,
  errorsOf,
  fail,
} from './validate-rows.fixtures';

/**
 * Row-level checks that look beyond one cell: duplicates within the file, and the Tech
 * Group ID (the cell's, or the upload's global group).
 */

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
