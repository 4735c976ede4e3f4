import { plainToInstance } from 'class-transformer';
import { isUUID, validateSync } from 'class-validator';
import {
  ErrorCodes,
  FieldError,
  IMPORT_BOOLEAN_COLUMNS,
  IMPORT_REQUIRED_COLUMNS,
  ImportColumn,
  isWellFormedText,
  normalizeEmail,
  parseImportBoolean,
  TechnicianFields,
} from '@app/contracts';
import { toFieldErrors } from '@app/platform';
import type { RowTechnician } from '../database/import-row.entity';
import type { CellValue, ParsedRecord } from '../parsing/parsed-import-file';
import { columnOfField } from './columns';

export interface ValidatedRow {
  row: number;
  line: number | null;
  /** The cells as uploaded, as text, without the password (for items and the report). */
  cells: Record<string, string>;
  errors: FieldError[];
  technician?: RowTechnician;
  password?: string;
}

const error = (column: string, code: string, message: string): FieldError => ({
  field: column,
  code,
  message,
});

/**
 * Every check the file alone allows, per row: required cells, types, lengths, email
 * syntax, booleans, Tech Group ID, and duplicates within the file (the second and later
 * occurrences of an email or Single Sign-On ID). The field rules are the create command's
 * own (TechnicianFields), so a row passes here exactly when org would accept its fields.
 */
export function validateRows(
  records: ParsedRecord[],
  options: { globalGroupId?: string },
): ValidatedRow[] {
  const seenEmails = new Set<string>();
  const seenSsoIds = new Set<string>();
  return records.map((record) => {
    const errors: FieldError[] = [];
    const text = (column: ImportColumn): string | undefined => {
      const value = record.cells[column];
      if (value === null || value === undefined) return undefined;
      if (typeof value === 'string') return value;
      if (typeof value === 'boolean' && IMPORT_BOOLEAN_COLUMNS.includes(column))
        return String(value);
      errors.push(error(column, ErrorCodes.VALIDATION_FAILED, `${column} must be text`));
      return undefined;
    };
    const cells = Object.fromEntries(
      (Object.keys(record.cells) as ImportColumn[])
        .filter((column) => column !== 'Password')
        .map((column) => [column, displayCell(record.cells[column])]),
    );

    for (const column of IMPORT_REQUIRED_COLUMNS) {
      if (isBlank(record.cells[column])) {
        errors.push(error(column, ErrorCodes.VALIDATION_FAILED, `${column} is required`));
      }
    }
    const flags: Partial<Record<ImportColumn, boolean>> = {};
    for (const column of IMPORT_BOOLEAN_COLUMNS) {
      const value = record.cells[column];
      if (isBlank(value)) continue;
      const parsed =
        typeof value === 'string' || typeof value === 'boolean'
          ? parseImportBoolean(value, column)
          : undefined;
      if (parsed === undefined) {
        errors.push(
          error(
            column,
            ErrorCodes.INVALID_BOOLEAN,
            `${column} must be true/false, yes/no, 1/0 or y/n`,
          ),
        );
      } else {
        flags[column] = parsed;
      }
    }

    const optional = (column: ImportColumn) => {
      const value = text(column);
      return value === undefined || value.trim() === '' ? undefined : value;
    };
    const fields = {
      name: text('Name') ?? '',
      nickname: optional('Nickname'),
      email: text('Email') ?? '',
      ssoId: optional('Single Sign-On ID'),
      description: optional('Description'),
      enabled: flags.Enabled,
      standardLicense: flags['Standard License'],
      mobileLicense: flags['Mobile License'],
    };
    const instance = plainToInstance(TechnicianFields, fields);
    const fieldErrors = toFieldErrors(validateSync(instance, { stopAtFirstError: true }))
      .filter((e) => !['enabled', 'standardLicense', 'mobileLicense'].includes(e.field))
      .map((e) => ({ ...e, field: columnOfField(e.field), code: rowCode(e.code) }));
    for (const fieldError of fieldErrors) {
      // A required cell that is empty is reported once, as missing.
      if (!errors.some((e) => e.field === fieldError.field)) errors.push(fieldError);
    }

    const password = text('Password');
    if (password !== undefined && !isWellFormedText(password)) {
      // It would be sealed as other characters than the ones in the file.
      errors.push(error('Password', ErrorCodes.VALIDATION_FAILED, 'Password must be Unicode text'));
    }
    let groupId = options.globalGroupId;
    if (!groupId) {
      const cell = optional('Tech Group ID')?.trim();
      // A cell that is not text was reported as such (by `optional`): once is enough.
      const reported = errors.some((e) => e.field === 'Tech Group ID');
      if (!cell) {
        if (!reported)
          errors.push(
            error(
              'Tech Group ID',
              ErrorCodes.GROUP_REQUIRED,
              'Tech Group ID is required (or choose a group for the whole import)',
            ),
          );
      } else if (!isUUID(cell))
        errors.push(
          error(
            'Tech Group ID',
            ErrorCodes.GROUP_NOT_FOUND,
            'Tech Group ID is not the ID of a group',
          ),
        );
      else groupId = cell.toLowerCase();
    }

    const email = typeof instance.email === 'string' ? normalizeEmail(instance.email) : '';
    if (email && !errors.some((e) => e.field === 'Email')) {
      if (seenEmails.has(email))
        errors.push(
          error('Email', ErrorCodes.DUPLICATE_IN_FILE, 'an earlier row of the file has this email'),
        );
      seenEmails.add(email);
    }
    const ssoId = instance.ssoId;
    if (ssoId && !errors.some((e) => e.field === 'Single Sign-On ID')) {
      if (seenSsoIds.has(ssoId)) {
        errors.push(
          error(
            'Single Sign-On ID',
            ErrorCodes.DUPLICATE_IN_FILE,
            'an earlier row of the file has this Single Sign-On ID',
          ),
        );
      }
      seenSsoIds.add(ssoId);
    }

    if (errors.length > 0) return { row: record.row, line: record.line, cells, errors };
    return {
      row: record.row,
      line: record.line,
      cells,
      errors,
      password,
      technician: {
        name: instance.name,
        nickname: instance.nickname,
        email: instance.email,
        ssoId: instance.ssoId,
        description: instance.description,
        enabled: flags.Enabled!,
        standardLicense: flags['Standard License']!,
        mobileLicense: flags['Mobile License']!,
        groupId: groupId!,
      },
    };
  });
}

/** Field codes of class-validator mapped to the row codes of the spec. */
function rowCode(code: string): string {
  if (code === 'INVALID_EMAIL' || code === 'FIELD_TOO_LONG' || code === 'INVALID_BOOLEAN')
    return code;
  return ErrorCodes.VALIDATION_FAILED;
}

/**
 * A cell as text for items and the report. NUL and lone surrogate halves cannot be stored
 * (Postgres refuses them in text and jsonb): they show as U+FFFD. Such a row fails its
 * checks anyway; the file is not refused for it.
 */
function displayCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'boolean' || typeof value === 'number'
        ? String(value)
        : JSON.stringify(value);
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

/** A cell left empty (or only spaces), or a JSON null. */
function isBlank(value: CellValue | undefined): boolean {
  return (
    value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
  );
}
