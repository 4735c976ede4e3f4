import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  CSV_DELIMITERS,
  FILE_NAME_MAX_LENGTH,
  IMPORT_ENCODINGS,
  IMPORT_ROW_STATUSES,
  IMPORT_STATUSES,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MAX_PAGE_SIZE,
  SINGLE_LINE_PATTERN,
} from '@app/contracts';
import type {
  CsvDelimiterName,
  ImportEncoding,
  ImportRowStatus,
  ImportStatus,
} from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { ApiFields } from '../../openapi/api-fields';
import { FieldErrorDto } from '../../openapi/api-problems.decorator';
import { PROBLEM_LIMITS } from '../../problem/problem-limits';

/** The form fields next to the file (they may also come as query parameters). */
export class UploadImportFields {
  @ApiPropertyOptional({
    ...ApiFields.uuid,
    description: 'Every row goes to this group; the Tech Group ID column is ignored',
  })
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Check every row, create nothing' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

export class UploadImportBody extends UploadImportFields {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    maxLength: MAX_IMPORT_BYTES,
    description: `CSV (comma, semicolon or tab) or JSON, at most 1 MiB and ${MAX_IMPORT_ROWS} rows`,
  })
  file!: unknown;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: Object.keys(CSV_DELIMITERS), default: 'comma' })
  @IsOptional()
  @IsIn(Object.keys(CSV_DELIMITERS))
  delimiter?: CsvDelimiterName;
}

export class ImportItemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_ROW_STATUSES })
  @IsOptional()
  @IsIn(IMPORT_ROW_STATUSES)
  status?: ImportRowStatus;
}

export class ImportDto {
  @ApiProperty({ ...ApiFields.uuid }) id!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ ...ApiFields.uuid, nullable: true }) groupId!: string | null;
  @ApiProperty({
    type: String,
    minLength: 1,
    maxLength: FILE_NAME_MAX_LENGTH,
    pattern: SINGLE_LINE_PATTERN.source,
  })
  fileName!: string;
  @ApiProperty({ enum: ['csv', 'json'] }) format!: 'csv' | 'json';
  @ApiProperty({
    enum: IMPORT_ENCODINGS,
    description: 'The character encoding the file was read in (UTF-8, or what Excel saves)',
  })
  encoding!: ImportEncoding;
  @ApiProperty() total!: number;
  @ApiProperty() processed!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ ...ApiFields.dateTime }) createdAt!: string;
  @ApiProperty({ ...ApiFields.dateTime, nullable: true }) startedAt!: string | null;
  @ApiProperty({ ...ApiFields.dateTime, nullable: true }) finishedAt!: string | null;
}

export class ImportPageDto {
  @ApiProperty({ type: [ImportDto], maxItems: MAX_PAGE_SIZE }) items!: ImportDto[];
  @ApiProperty({ ...ApiFields.cursor, nullable: true }) nextCursor!: string | null;
}

/** A row's Name and Email cells as the file had them: a failed row's may break every rule. */
const RAW_CELL = {
  type: String,
  maxLength: MAX_IMPORT_BYTES,
  description: 'As in the file (a cell is never longer than the file)',
};

export class ImportItemDto {
  @ApiProperty({ description: '1-based data record' }) row!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'CSV line where the record starts' })
  line!: number | null;
  @ApiProperty(RAW_CELL) name!: string;
  @ApiProperty(RAW_CELL) email!: string;
  @ApiProperty({ enum: IMPORT_ROW_STATUSES }) status!: ImportRowStatus;
  @ApiProperty({ ...ApiFields.uuid, nullable: true }) technicianId!: string | null;
  @ApiProperty({ type: [FieldErrorDto], maxItems: PROBLEM_LIMITS.errors })
  errors!: FieldErrorDto[];
}

export class ImportItemPageDto {
  @ApiProperty({ type: [ImportItemDto], maxItems: MAX_PAGE_SIZE }) items!: ImportItemDto[];
  @ApiProperty({ ...ApiFields.cursor, nullable: true }) nextCursor!: string | null;
}
