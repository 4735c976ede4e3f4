import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GROUP_TREE_MAX_GROUPS, GroupChanges, GroupFields, MAX_PAGE_SIZE } from '@app/contracts';
import type { Permission } from '@app/contracts';
import { ApiFields } from '../../openapi/api-fields';

export class CreateGroupBody extends GroupFields {
  @ApiProperty({ ...ApiFields.name })
  override name!: string;

  @ApiPropertyOptional({
    ...ApiFields.uuid,
    description: 'Omit for a top-level group (Master Administrators only)',
  })
  override parentId?: string;

  @ApiPropertyOptional({ ...ApiFields.description })
  override description?: string;

  @ApiPropertyOptional({ ...ApiFields.permissions })
  override permissions?: Permission[];
}

export class UpdateGroupBody extends GroupChanges {
  @ApiPropertyOptional({ ...ApiFields.name })
  override name?: string;

  @ApiPropertyOptional({ ...ApiFields.description })
  override description?: string;

  @ApiPropertyOptional({ ...ApiFields.permissions })
  override permissions?: Permission[];

  @ApiPropertyOptional({
    ...ApiFields.uuid,
    nullable: true,
    description: 'Move the group; null makes it top-level',
  })
  override parentId?: string | null;
}

export class GroupDto {
  @ApiProperty({ ...ApiFields.uuid }) id!: string;
  @ApiProperty({ ...ApiFields.name }) name!: string;
  @ApiProperty({ ...ApiFields.description }) description!: string;
  @ApiProperty({ ...ApiFields.uuid, nullable: true }) parentId!: string | null;
  @ApiProperty({ ...ApiFields.permissions }) permissions!: Permission[];
  @ApiProperty({ description: 'Technicians directly in this group' }) technicianCount!: number;
}

export class GroupTreeNodeDto extends GroupDto {
  @ApiProperty({ type: () => [GroupTreeNodeDto], maxItems: GROUP_TREE_MAX_GROUPS })
  children!: GroupTreeNodeDto[];
}

export class GroupTreeDto {
  @ApiProperty({ type: [GroupTreeNodeDto], maxItems: GROUP_TREE_MAX_GROUPS })
  groups!: GroupTreeNodeDto[];
}

export class GroupSummaryDto extends GroupDto {
  @ApiProperty({ description: 'Sub-groups directly under this group' }) childCount!: number;
}

export class GroupSummaryPageDto {
  @ApiProperty({ type: [GroupSummaryDto], maxItems: MAX_PAGE_SIZE }) items!: GroupSummaryDto[];
  @ApiProperty({ ...ApiFields.cursor, nullable: true }) nextCursor!: string | null;
}
