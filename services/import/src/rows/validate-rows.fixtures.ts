import { ErrorCodes, ImportColumn } from '@app/contracts';
import type { CellValue, ParsedRecord } from '../parsing/parsed-import-file';
import { validateRows, ValidatedRow } from './validate-rows';

/** Rows and helpers of the validateRows specs (validate-rows.*.spec.ts). */

export const GROUP_ID = '3f0c2a6e-8d1b-4c47-9a7e-2b5d6c8e9f01';
export const GLOBAL_GROUP_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const PASSWORD = 'Unique-Pa55word!';

export const ROW_CODES: string[] = [
  ErrorCodes.VALIDATION_FAILED,
  ErrorCodes.INVALID_EMAIL,
  ErrorCodes.INVALID_BOOLEAN,
  ErrorCodes.FIELD_TOO_LONG,
  ErrorCodes.DUPLICATE_IN_FILE,
  ErrorCodes.GROUP_REQUIRED,
  ErrorCodes.GROUP_NOT_FOUND,
];

export type Cells = Partial<Record<ImportColumn, CellValue>>;

/** A valid row, with `overrides` applied (undefined removes nothing: it sets the cell). */
export function record(overrides: Cells = {}, row = 1): ParsedRecord {
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

export function validateOne(overrides: Cells, globalGroupId?: string): ValidatedRow {
  const [result] = validateRows([record(overrides)], { globalGroupId });
  return result;
}

export const errorsOf = (result: ValidatedRow) =>
  result.errors.map(({ field, code }) => ({ field, code }));
export const fail = (field: ImportColumn, code: string) => [{ field, code }];

/** An address of exactly `length` characters that is valid apart from its length. */
export function emailOfLength(length: number): string {
  const labels: string[] = [];
  // Local part of 64, "@", labels of at most 63 joined by dots, ".com".
  let remaining = length - 64 - 1 - '.com'.length;
  for (; remaining > 63; remaining -= 64) labels.push('b'.repeat(63));
  labels.push('b'.repeat(remaining));
  const email = `${'a'.repeat(64)}@${labels.join('.')}.com`;
  if (email.length !== length) throw new Error(`emailOfLength(${length}) gave ${email.length}`);
  return email;
}
