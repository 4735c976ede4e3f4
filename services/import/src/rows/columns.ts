import type { ImportColumn } from '@app/contracts';

/**
 * The column maps: which column of the file a row's error names. A field of the create
 * command names its column (validation at upload, a refusal from org); a refusal without
 * field errors names the column its code concerns, or the whole row.
 */

/** Column of each field of the create command, to name file columns in errors. */
const COLUMN_OF_FIELD: Record<string, ImportColumn> = {
  name: 'Name',
  nickname: 'Nickname',
  email: 'Email',
  ssoId: 'Single Sign-On ID',
  description: 'Description',
  password: 'Password',
  enabled: 'Enabled',
  standardLicense: 'Standard License',
  mobileLicense: 'Mobile License',
  groupId: 'Tech Group ID',
};

export function columnOfField(field: string): string {
  return COLUMN_OF_FIELD[field] ?? field;
}

/** Which column a refusal without field errors concerns. */
const COLUMN_OF_CODE: Record<string, string> = {
  EMAIL_TAKEN: 'Email',
  SSO_ID_TAKEN: 'Single Sign-On ID',
  PASSWORD_POLICY: 'Password',
  GROUP_NOT_FOUND: 'Tech Group ID',
  FORBIDDEN_GROUP: 'Tech Group ID',
};

export function columnOfCode(code: string): string {
  return COLUMN_OF_CODE[code] ?? 'Row';
}
