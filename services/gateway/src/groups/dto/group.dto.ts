import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GroupChanges, GroupFields, PERMISSIONS } from '@app/contracts';
import type { Permission } from '@app/contracts';

export class CreateGroupBody extends GroupFields {
  @ApiProperty({ minLength: 1, maxLength: 128 })
  override name!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Omit for a top-level group (Master Administrators only)',
  })
  override parentId?: string;

  @ApiPropertyOptional({ maxLength: 1024 })
  override description?: string;

  @ApiPropertyOptional({ enum: PERMISSIONS, isArray: true })
  override permissions?: Permission[];
}

export class UpdateGroupBody extends GroupChanges {
  @ApiPropertyOptional({ minLength: 1, maxLength: 128 })
  override name?: string;

  @ApiPropertyOptional({ maxLength: 1024 })
  override description?: string;

  @ApiPropertyOptional({ enum: PERMISSIONS, isArray: true })
  override permissions?: Permission[];

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Move the group; null makes it top-level',
  })
  override parentId?: string | null;
}

export class GroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions!: Permission[];
  @ApiProperty({ description: 'Technicians directly in this group' }) technicianCount!: number;
}

export class GroupTreeNodeDto extends GroupDto {
  @ApiProperty({ type: () => [GroupTreeNodeDto] }) children!: GroupTreeNodeDto[];
}

export class GroupTreeDto {
  @ApiProperty({ type: [GroupTreeNodeDto] }) groups!: GroupTreeNodeDto[];
}
