import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { Actor } from '../actor';
import { NAME_MAX_LENGTH } from '../limits';
import { PageQuery } from '../pagination';
import { MaxChars, SingleLine } from '../text-rules';

/** The most names a match's `path` holds: a deeper group's topmost ancestors are left off. */
export const GROUP_PATH_MAX_NAMES = 32;
/** The most ids one search may ask for (`ids`): a page of labels for a picker or a table. */
export const GROUP_SEARCH_IDS_MAX = 100;

/** A group as a search answers it: where it sits, for a picker to show and choose. */
export interface GroupMatch {
  id: string;
  name: string;
  parentId: string | null;
  /**
   * The names from the top of what the caller may see (the organization's top, or an
   * Administrator's own group) down to this group, itself last; at most
   * GROUP_PATH_MAX_NAMES, the nearest (`pathCut` then says the top is left off).
   */
  path: string[];
  pathCut: boolean;
}

/**
 * Request `org.group.search.v1`: the groups in the caller's scope whose name contains `q`
 * (case-insensitively; none or empty: every group), or only those of `ids`, by name, in
 * pages. Reply: Page<GroupMatch>. For pickers, which never need the whole tree.
 */
export class SearchGroupsQuery extends PageQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsOptional()
  @IsString()
  @MaxChars(NAME_MAX_LENGTH)
  @SingleLine()
  q?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GROUP_SEARCH_IDS_MAX)
  @IsUUID('all', { each: true })
  ids?: string[];
}
