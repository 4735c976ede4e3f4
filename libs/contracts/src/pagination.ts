import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const CURSOR_MAX_LENGTH = 512;
/** What a `cursor` may be: a `nextCursor` of a previous page (base64url). */
export const CURSOR_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${CURSOR_MAX_LENGTH}}$`);

/** Keyset pagination: `cursor` is opaque to clients (base64url), `limit` at most 200. */
export class PageQuery {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @Matches(CURSOR_PATTERN, {
    message: 'cursor must be a cursor returned by a previous page',
  })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
