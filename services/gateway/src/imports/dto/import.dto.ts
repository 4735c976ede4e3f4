import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CSV_DELIMITERS, IMPORT_STATUSES } from '@app/contracts';
import type { CsvDelimiterName, ImportStatus } from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';

/** The form fields next to the file (they may also come as query parameters). */
export class UploadImportFields {
  @ApiPropertyOptional({
    format: 'uuid',
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
    description: 'CSV (comma, semicolon or tab) or JSON, at most 1 MiB and 500 rows',
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
  @ApiPropertyOptional({ enum: ['succeeded', 'failed', 'pending'] })
  @IsOptional()
  @IsIn(['succeeded', 'failed', 'pending'])
  status?: 'succeeded' | 'failed' | 'pending';
}

export class ImportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) groupId!: string | null;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['csv', 'json'] }) format!: 'csv' | 'json';
  @ApiProperty() total!: number;
  @ApiProperty() processed!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
}

export class ImportPageDto {
  @ApiProperty({ type: [ImportDto] }) items!: ImportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class ImportItemErrorDto {
  @ApiProperty({ example: 'Email' }) field!: string;
  @ApiProperty({ example: 'EMAIL_TAKEN' }) code!: string;
  @ApiProperty() message!: string;
}

export class ImportItemDto {
  @ApiProperty({ description: '1-based data record' }) row!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'CSV line where the record starts' })
  line!: number | null;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['succeeded', 'failed', 'pending'] }) status!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) technicianId!: string | null;
  @ApiProperty({ type: [ImportItemErrorDto] }) errors!: ImportItemErrorDto[];
}

export class ImportItemPageDto {
  @ApiProperty({ type: [ImportItemDto] }) items!: ImportItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
