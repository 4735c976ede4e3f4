import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CURSOR_PATTERN, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@app/contracts';
import { ApiFields } from '../openapi/api-fields';

export class PageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ ...ApiFields.cursor, description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(CURSOR_PATTERN, {
    message: 'cursor must be a cursor returned by a previous page',
  })
  cursor?: string;
}
