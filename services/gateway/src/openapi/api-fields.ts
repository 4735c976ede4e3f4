import type { ApiPropertyOptions } from '@nestjs/swagger';
import {
  ACCESS_TOKEN_MAX_LENGTH,
  CURSOR_MAX_LENGTH,
  CURSOR_PATTERN,
  DESCRIPTION_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PASSWORD_FIELD_MAX_LENGTH,
  PERMISSIONS,
  PLAIN_TEXT_PATTERN,
  SINGLE_LINE_PATTERN,
} from '@app/contracts';
import { ACCESS_TOKEN_PATTERN } from '@app/platform';

/** Every UUID is 36 characters (8-4-4-4-12 hex digits). */
export const UUID_LENGTH = 36;

/** Dates are written by Date.prototype.toISOString: `2025-01-31T12:00:00.000Z`. */
export const DATE_TIME_LENGTH = 24;

/**
 * The OpenAPI form of the field rules of libs/contracts, built from the same constants (so a
 * limit is written once): spread into @ApiProperty, e.g. `@ApiProperty({ ...ApiFields.name })`.
 * Responses use them too: what a service stores passed the same rules.
 */
export const ApiFields = {
  uuid: { type: String, format: 'uuid', minLength: UUID_LENGTH, maxLength: UUID_LENGTH },
  uuids: (maxItems: number) => ({
    type: [String],
    format: 'uuid',
    minLength: UUID_LENGTH,
    maxLength: UUID_LENGTH,
    maxItems,
  }),
  dateTime: {
    type: String,
    format: 'date-time',
    minLength: DATE_TIME_LENGTH,
    maxLength: DATE_TIME_LENGTH,
  },
  /** Names: one line, trimmed, not empty. */
  name: {
    type: String,
    minLength: 1,
    maxLength: NAME_MAX_LENGTH,
    pattern: SINGLE_LINE_PATTERN.source,
  },
  /** Nickname, SSO ID: one line, may be empty. */
  shortText: { type: String, maxLength: NAME_MAX_LENGTH, pattern: SINGLE_LINE_PATTERN.source },
  email: {
    type: String,
    format: 'email',
    maxLength: EMAIL_MAX_LENGTH,
    pattern: SINGLE_LINE_PATTERN.source,
  },
  description: {
    type: String,
    maxLength: DESCRIPTION_MAX_LENGTH,
    pattern: PLAIN_TEXT_PATTERN.source,
  },
  password: { type: String, format: 'password', maxLength: PASSWORD_FIELD_MAX_LENGTH },
  permissions: { enum: PERMISSIONS, isArray: true, maxItems: PERMISSIONS.length },
  cursor: { type: String, pattern: CURSOR_PATTERN.source, maxLength: CURSOR_MAX_LENGTH },
  accessToken: {
    type: String,
    pattern: ACCESS_TOKEN_PATTERN.source,
    maxLength: ACCESS_TOKEN_MAX_LENGTH,
  },
} satisfies Record<string, ApiPropertyOptions | ((...args: never[]) => ApiPropertyOptions)>;
