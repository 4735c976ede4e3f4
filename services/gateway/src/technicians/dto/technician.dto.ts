import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  EMAIL_MAX_LENGTH,
  MAX_PAGE_SIZE,
  SINGLE_LINE_PATTERN,
  SingleLine,
  TechnicianChanges,
  TechnicianFields,
} from '@app/contracts';
import type { Permission } from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { PasswordField } from '../../http/password-field';
import { ApiFields } from '../../openapi/api-fields';

export class CreateTechnicianBody extends TechnicianFields {
  @ApiProperty({ ...ApiFields.name }) override name!: string;
  @ApiPropertyOptional({ ...ApiFields.shortText, description: 'Defaults to the name' })
  override nickname?: string;
  @ApiProperty({ ...ApiFields.email, description: 'The login; unique across the whole system' })
  override email!: string;
  @ApiPropertyOptional({ ...ApiFields.shortText, description: 'Unique within the organization' })
  override ssoId?: string;
  @ApiPropertyOptional({ ...ApiFields.description }) override description?: string;
  @ApiPropertyOptional({ default: true }) override enabled?: boolean;
  @ApiPropertyOptional({ default: true }) override standardLicense?: boolean;
  @ApiPropertyOptional({ default: false }) override mobileLicense?: boolean;

  @PasswordField()
  password!: string;
}

export class UpdateTechnicianBody extends TechnicianChanges {
  @ApiPropertyOptional({ ...ApiFields.name }) override name?: string;
  @ApiPropertyOptional({ ...ApiFields.shortText }) override nickname?: string;
  @ApiPropertyOptional({ ...ApiFields.email }) override email?: string;
  @ApiPropertyOptional({ ...ApiFields.shortText, description: 'Empty removes it' })
  override ssoId?: string;
  @ApiPropertyOptional({ ...ApiFields.description }) override description?: string;
  @ApiPropertyOptional() override enabled?: boolean;
  @ApiPropertyOptional() override standardLicense?: boolean;
  @ApiPropertyOptional() override mobileLicense?: boolean;
}

export class MoveTechnicianBody {
  @ApiProperty({ ...ApiFields.uuid })
  @IsUUID()
  groupId!: string;
}

export class SetPasswordBody {
  @PasswordField()
  password!: string;
}

export class ListTechniciansQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: String,
    maxLength: EMAIL_MAX_LENGTH,
    pattern: SINGLE_LINE_PATTERN.source,
    description: 'Part of a name or an email, any case',
  })
  @IsOptional()
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @SingleLine()
  q?: string;

  @ApiPropertyOptional({ ...ApiFields.uuid })
  @IsOptional()
  @IsUUID()
  groupId?: string;
}

export class TechnicianDto {
  @ApiProperty({ ...ApiFields.uuid }) id!: string;
  @ApiProperty({ ...ApiFields.uuid }) organizationId!: string;
  @ApiProperty({ ...ApiFields.uuid }) groupId!: string;
  @ApiProperty({ ...ApiFields.name }) name!: string;
  @ApiProperty({ ...ApiFields.shortText }) nickname!: string;
  @ApiProperty({ ...ApiFields.email }) email!: string;
  @ApiProperty({ ...ApiFields.shortText, nullable: true }) ssoId!: string | null;
  @ApiProperty({ ...ApiFields.description }) description!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() standardLicense!: boolean;
  @ApiProperty() mobileLicense!: boolean;
  @ApiProperty({ ...ApiFields.permissions, description: "The group's permissions" })
  permissions!: Permission[];
  @ApiPropertyOptional({ description: 'On create and get' }) mustChangePassword?: boolean;
  @ApiProperty({ ...ApiFields.dateTime }) createdAt!: string;
  @ApiProperty({ ...ApiFields.dateTime }) updatedAt!: string;
}

export class TechnicianPageDto {
  @ApiProperty({ type: [TechnicianDto], maxItems: MAX_PAGE_SIZE }) items!: TechnicianDto[];
  @ApiProperty({ ...ApiFields.cursor, nullable: true }) nextCursor!: string | null;
}
