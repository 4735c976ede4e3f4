import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ADMINISTRATOR_ROLES, AdministratorChanges, AdministratorFields } from '@app/contracts';
import type { AdministratorRole } from '@app/contracts';
import { PasswordField } from '../../http/password-field';

export class CreateAdministratorBody extends AdministratorFields {
  @ApiProperty({ minLength: 1, maxLength: 128 }) override name!: string;
  @ApiProperty({ maxLength: 254 }) override email!: string;
  @ApiProperty({ enum: ADMINISTRATOR_ROLES }) override role!: AdministratorRole;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Groups an Administrator manages' })
  override groupIds!: string[];

  @PasswordField()
  password!: string;
}

export class UpdateAdministratorBody extends AdministratorChanges {
  @ApiPropertyOptional({ minLength: 1, maxLength: 128 }) override name?: string;
  @ApiPropertyOptional({ maxLength: 254 }) override email?: string;
  @ApiPropertyOptional({ enum: ADMINISTRATOR_ROLES }) override role?: AdministratorRole;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) override groupIds?: string[];
  @ApiPropertyOptional() override enabled?: boolean;

  @IsOptional()
  @PasswordField('Sets a new password (checked against the policy)')
  password?: string;
}

export class AdministratorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ADMINISTRATOR_ROLES }) role!: AdministratorRole;
  @ApiProperty({ type: [String], format: 'uuid' }) groupIds!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiPropertyOptional() mustChangePassword?: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AdministratorPageDto {
  @ApiProperty({ type: [AdministratorDto] }) items!: AdministratorDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
