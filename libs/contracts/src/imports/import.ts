import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Actor } from '../actor';
import type { FieldError } from '../errors';
import { PageQuery } from '../pagination';
import { CLIENT_IDEMPOTENCY_KEY_PATTERN } from '../technicians/technician';
import { CSV_DELIMITERS, CsvDelimiterName, ImportEncoding } from './import-format';

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_ROW_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** An import, as GET /imports/:id shows it. Counters are kept as rows end, so this is O(1). */
export interface ImportView {
  id: string;
  status: ImportStatus;
  dryRun: boolean;
  groupId: string | null;
  fileName: string;
  format: 'csv' | 'json';
  /** The character encoding the file was read in. */
  encoding: ImportEncoding;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One row of an import and what became of it. */
export interface ImportItemView {
  /** 1-based data record. */
  row: number;
  /** Line of a CSV file where the record starts (the header is line 1); null for JSON. */
  line: number | null;
  name: string;
  email: string;
  status: ImportRowStatus;
  /** Set once created (never in a dry run). */
  technicianId: string | null;
  errors: FieldError[];
}

/** An import's file name as kept and shown (characters). */
export const FILE_NAME_MAX_LENGTH = 255;

/**
 * Command `import.upload.v1` (Master Administrators only): a file for import. The file
 * travels sealed to the import service's key (`import.sealing-key.get.v1`): it holds every
 * password. File-level problems answer with their code (FILE_EMPTY, MALFORMED_FILE,
 * HEADER_MISMATCH, TOO_MANY_ROWS, NO_ROWS, UNSUPPORTED_FORMAT) and nothing is stored.
 * Reply: ImportView (202 at the gateway).
 */
export class UploadImportCommand {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsString()
  @MaxLength(FILE_NAME_MAX_LENGTH)
  fileName!: string;

  /** The file, sealed like passwords (`hpke.<keyId>.<enc>.<ciphertext>`, see sealed-secret.ts); opening it checks the rest. */
  @IsString()
  @MaxLength(1_500_000)
  @Matches(/^hpke\.[0-9a-f]{16}\./)
  sealedFile!: string;

  @IsOptional()
  @IsUUID()
  groupId?: string;

  @IsBoolean()
  dryRun!: boolean;

  /** The client's Idempotency-Key: the same request within 24 hours answers the first import. */
  @IsOptional()
  @Matches(CLIENT_IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
}

class ImportQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsUUID()
  importId!: string;
}

/** Request `import.get.v1`. Reply: ImportView. */
export class GetImportQuery extends ImportQuery {}

/** Command `import.cancel.v1`: rows not yet processed end failed with CANCELLED. IMPORT_FINISHED when over. */
export class CancelImportCommand extends ImportQuery {}

/** Request `import.report.get.v1`. Reply: ImportReportReply. */
export class GetImportReportQuery extends ImportQuery {}

export interface ImportReportReply {
  fileName: string;
  csv: string;
}

/** Request `import.list.v1`: newest first. Reply: Page<ImportView>. */
export class ListImportsQuery extends PageQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;
}

/** Request `import.items.list.v1`. Reply: Page<ImportItemView>. */
export class ListImportItemsQuery extends PageQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsUUID()
  importId!: string;

  @IsOptional()
  @IsIn(['succeeded', 'failed', 'pending'])
  status?: ImportRowStatus;
}

/** Request `import.template.get.v1` (administrators). Reply: ImportTemplateReply. */
export class GetImportTemplateQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsIn(['csv', 'json'])
  format!: 'csv' | 'json';

  @IsOptional()
  @IsIn(Object.keys(CSV_DELIMITERS))
  delimiter?: CsvDelimiterName;
}

export interface ImportTemplateReply {
  fileName: string;
  contentType: string;
  content: string;
}
