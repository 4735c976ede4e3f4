import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  AUDIT_PAGE_DEFAULT,
  AUDIT_PAGE_MAX,
  AUDIT_RETENTION_DAYS,
  AUDIT_TYPE_FILTER,
  AuditSettings,
  CHANGE_CHANNELS,
  CURSOR_PATTERN,
} from '@app/contracts';
import { ApiFields } from '../openapi/api-fields';

/** The filters of the audit log, as REST query parameters. */
export class AuditFiltersQueryDto {
  @ApiPropertyOptional({
    ...ApiFields.uuid,
    description: 'Who made the change: an account, service principal or SCIM token id',
  })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ ...ApiFields.uuid, description: 'What the change was made to: its id' })
  @IsOptional()
  @IsUUID()
  target?: string;

  @ApiPropertyOptional({
    type: String,
    maxLength: 200,
    pattern: AUDIT_TYPE_FILTER.source,
    description:
      'An event type (org.technician.updated.v1), or a prefix ending in * (org.technician.*)',
  })
  @IsOptional()
  @MaxLength(200)
  @Matches(AUDIT_TYPE_FILTER, { message: 'type must be an event type, or a prefix ending in *' })
  type?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    maxLength: 40,
    description: 'RFC 3339, inclusive',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an RFC 3339 date-time' })
  from?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    maxLength: 40,
    description: 'RFC 3339, exclusive',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an RFC 3339 date-time' })
  to?: string;
}

export class AuditEventsQueryDto extends AuditFiltersQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: AUDIT_PAGE_MAX,
    default: AUDIT_PAGE_DEFAULT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ ...ApiFields.cursor, description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: 'cursor must be a cursor returned by a previous page' })
  cursor?: string;
}

class AuditActorDto {
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 60,
    example: 'accounts/5f0c0c43-…',
  })
  principal!: string | null;
  @ApiProperty({ enum: ['account', 'service-principal', 'scim-token'], nullable: true })
  type!: string | null;
  @ApiProperty({ ...ApiFields.uuid, nullable: true })
  id!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 1000,
    description: 'As last learned from events; null when unknown',
  })
  name!: string | null;
}

class AuditTargetDto {
  @ApiProperty({ maxLength: 40, example: 'technician' })
  type!: string;
  @ApiProperty({ maxLength: 200 })
  id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 1000,
    description: 'Its name when the change was made',
  })
  name!: string | null;
}

class FieldChangeDto {
  @ApiProperty({ maxLength: 1000 })
  field!: string;
  @ApiProperty({ description: 'Any JSON value' })
  before!: unknown;
  @ApiProperty({ description: 'Any JSON value' })
  after!: unknown;
}

export class AuditEntryDto {
  @ApiProperty({ ...ApiFields.uuid }) id!: string;
  @ApiProperty({
    type: 'integer',
    format: 'int64',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Position in the organization’s chain',
  })
  sequence!: number;
  @ApiProperty({ maxLength: 1000, description: 'The CloudEvents id' }) eventId!: string;
  @ApiProperty({ maxLength: 1000, example: 'org.technician.updated.v1' }) type!: string;
  @ApiProperty({ ...ApiFields.dateTime, description: 'When the change was made' }) time!: string;
  @ApiProperty({ ...ApiFields.dateTime, description: 'When the log recorded it' })
  recordedAt!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ enum: CHANGE_CHANNELS, nullable: true }) channel!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 1000,
    description: 'Client address, broker user, imports/<id>/rows/<row>, …',
  })
  origin!: string | null;
  @ApiProperty({ type: AuditTargetDto }) target!: AuditTargetDto;
  @ApiProperty({ type: [FieldChangeDto], maxItems: 200 }) changes!: FieldChangeDto[];
}

export class AuditEntryPageDto {
  @ApiProperty({ type: [AuditEntryDto], maxItems: AUDIT_PAGE_MAX }) items!: AuditEntryDto[];
  @ApiProperty({ ...ApiFields.cursor, nullable: true }) nextCursor!: string | null;
}

export class AuditSettingsDto extends AuditSettings {
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: AUDIT_RETENTION_DAYS.min,
    maximum: AUDIT_RETENTION_DAYS.max,
    default: AUDIT_RETENTION_DAYS.default,
    description: 'Entries older than this are removed (the chain still verifies)',
  })
  override retentionDays!: number;
}
