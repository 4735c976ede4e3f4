import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PERMISSIONS, SingleLine, TechnicianChanges, TechnicianFields } from '@app/contracts';
import type { Permission } from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { PasswordField } from '../../http/password-field';

export class CreateTechnicianBody extends TechnicianFields {
  @ApiProperty({ minLength: 1, maxLength: 128 }) override name!: string;
  @ApiPropertyOptional({ maxLength: 128, description: 'Defaults to the name' })
  override nickname?: string;
  @ApiProperty({ maxLength: 254, description: 'The login; unique across the whole system' })
  override email!: string;
  @ApiPropertyOptional({ maxLength: 128, description: 'Unique within the organization' })
  override ssoId?: string;
  @ApiPropertyOptional({ maxLength: 1024 }) override description?: string;
  @ApiPropertyOptional({ default: true }) override enabled?: boolean;
  @ApiPropertyOptional({ default: true }) override standardLicense?: boolean;
  @ApiPropertyOptional({ default: false }) override mobileLicense?: boolean;

  @PasswordField()
  password!: string;
}

export class UpdateTechnicianBody extends TechnicianChanges {
  @ApiPropertyOptional({ minLength: 1, maxLength: 128 }) override name?: string;
  @ApiPropertyOptional({ maxLength: 128 }) override nickname?: string;
  @ApiPropertyOptional({ maxLength: 254 }) override email?: string;
  @ApiPropertyOptional({ maxLength: 128, description: 'Empty removes it' }) override ssoId?: string;
  @ApiPropertyOptional({ maxLength: 1024 }) override description?: string;
  @ApiPropertyOptional() override enabled?: boolean;
  @ApiPropertyOptional() override standardLicense?: boolean;
  @ApiPropertyOptional() override mobileLicense?: boolean;
}

export class MoveTechnicianBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  groupId!: string;
}

export class SetPasswordBody {
  @PasswordField()
  password!: string;
}

export class ListTechniciansQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name or an email, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @SingleLine()
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  groupId?: string;
}

export class TechnicianDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) groupId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() nickname!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) ssoId!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() standardLicense!: boolean;
  @ApiProperty() mobileLicense!: boolean;
  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: "The group's permissions" })
  permissions!: Permission[];
  @ApiPropertyOptional({ description: 'On create and get' }) mustChangePassword?: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TechnicianPageDto {
  @ApiProperty({ type: [TechnicianDto] }) items!: TechnicianDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
