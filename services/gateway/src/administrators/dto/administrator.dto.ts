import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import {
  ADMINISTRATOR_GROUPS_MAX,
  ADMINISTRATOR_ROLES,
  AdministratorChanges,
  AdministratorFields,
  MAX_PAGE_SIZE,
} from '@app/contracts';
import type { AdministratorRole } from '@app/contracts';
import { PasswordField } from '../../http/password-field';
import { ApiFields } from '../../openapi/api-fields';

export class CreateAdministratorBody extends AdministratorFields {
  @ApiProperty({ ...ApiFields.name }) override name!: string;
  @ApiProperty({ ...ApiFields.email }) override email!: string;
  @ApiPropertyOptional({
    ...ApiFields.shortText,
    description: 'Unique within the organization, among technicians too',
  })
  override ssoId?: string;
  @ApiProperty({ enum: ADMINISTRATOR_ROLES }) override role!: AdministratorRole;
  @ApiProperty({
    ...ApiFields.uuids(ADMINISTRATOR_GROUPS_MAX),
    uniqueItems: true,
    description: 'Groups an Administrator manages',
  })
  override groupIds!: string[];

  @PasswordField()
  password!: string;
}

export class UpdateAdministratorBody extends AdministratorChanges {
  @ApiPropertyOptional({ ...ApiFields.name }) override name?: string;
  @ApiPropertyOptional({ ...ApiFields.email }) override email?: string;
  @ApiPropertyOptional({ ...ApiFields.shortText, description: 'Empty removes it' })
  override ssoId?: string;
  @ApiPropertyOptional({ enum: ADMINISTRATOR_ROLES }) override role?: AdministratorRole;
  @ApiPropertyOptional({ ...ApiFields.uuids(ADMINISTRATOR_GROUPS_MAX), uniqueItems: true })
  override groupIds?: string[];
  @ApiPropertyOptional() override enabled?: boolean;

  @IsOptional()
  @PasswordField('Sets a new password', { required: false })
  password?: string;
}

export class AdministratorDto {
  @ApiProperty({ ...ApiFields.uuid }) id!: string;
  @ApiProperty({ ...ApiFields.uuid }) organizationId!: string;
  @ApiProperty({ ...ApiFields.name }) name!: string;
  @ApiProperty({ ...ApiFields.email }) email!: string;
  @ApiProperty({ ...ApiFields.shortText, nullable: true }) ssoId!: string | null;
  @ApiProperty({ enum: ADMINISTRATOR_ROLES }) role!: AdministratorRole;
  @ApiProperty({ ...ApiFields.uuids(ADMINISTRATOR_GROUPS_MAX) }) groupIds!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiPropertyOptional() mustChangePassword?: boolean;
  @ApiProperty({ ...ApiFields.dateTime }) createdAt!: string;
  @ApiProperty({ ...ApiFields.dateTime }) updatedAt!: string;
}

export class AdministratorPageDto {
  @ApiProperty({ type: [AdministratorDto], maxItems: MAX_PAGE_SIZE }) items!: AdministratorDto[];
  @ApiProperty({ ...ApiFields.cursor, nullable: true }) nextCursor!: string | null;
}
