import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID } from 'class-validator';
import {
  GROUP_PATH_MAX_NAMES,
  GROUP_SEARCH_IDS_MAX,
  MAX_PAGE_SIZE,
  MaxChars,
  NAME_MAX_LENGTH,
  SINGLE_LINE_PATTERN,
  SingleLine,
} from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { ApiFields, UUID_LENGTH } from '../../openapi/api-fields';

export class SearchGroupsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: String,
    maxLength: NAME_MAX_LENGTH,
    pattern: SINGLE_LINE_PATTERN.source,
    description: 'Part of a group’s name, any case; none or empty: every group in scope',
  })
  @IsOptional()
  @IsString()
  @MaxChars(NAME_MAX_LENGTH)
  @SingleLine()
  q?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'uuid', minLength: UUID_LENGTH, maxLength: UUID_LENGTH },
    maxItems: GROUP_SEARCH_IDS_MAX,
    description: 'Only these groups (repeat the parameter): the labels of chosen groups',
  })
  @IsOptional()
  // One `ids=` arrives as a string, several as an array.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @ArrayMaxSize(GROUP_SEARCH_IDS_MAX)
  @IsUUID('all', { each: true })
  ids?: string[];
}

export class GroupMatchDto {
  @ApiProperty({ ...ApiFields.uuid }) id!: string;
  @ApiProperty({ ...ApiFields.name }) name!: string;
  @ApiProperty({ ...ApiFields.uuid, nullable: true }) parentId!: string | null;
  @ApiProperty({
    ...ApiFields.name,
    type: [String],
    maxItems: GROUP_PATH_MAX_NAMES,
    description:
      'Names from the top of what the caller may see down to this group, itself last (shown as `Support › EMEA › Tier 2`); the nearest 32 of a deeper group',
  })
  path!: string[];
  @ApiProperty({ description: 'Whether the top of `path` is left off (a group deeper than 32)' })
  pathCut!: boolean;
}

export class GroupMatchPageDto {
  @ApiProperty({ type: [GroupMatchDto], maxItems: MAX_PAGE_SIZE }) items!: GroupMatchDto[];
  @ApiProperty({ ...ApiFields.cursor, nullable: true }) nextCursor!: string | null;
}
