import {
  IsEmail,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { EMAIL_VALIDATION_OPTIONS, NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@app/contracts';
import {
  IdempotentServiceSettings,
  POSTGRES_URL_MESSAGE,
  POSTGRES_URL_PATTERN,
} from '@app/platform';

export class OrgSettings extends IdempotentServiceSettings {
  /**
   * Verifies the access tokens other teams' services send with their messages (the secret
   * identity signs them with). Unset: only this product's own services are heard.
   */
  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Matches(POSTGRES_URL_PATTERN, { message: POSTGRES_URL_MESSAGE })
  ORG_DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/rac_org';

  /** The Master Administrator created with the first organization, on the first start. */
  @IsEmail(EMAIL_VALIDATION_OPTIONS, { message: 'must be an email address' })
  BOOTSTRAP_ADMIN_EMAIL: string = 'admin@example.com';

  /** When unset, a password is generated and printed once (and must be changed at first sign-in). */
  @IsOptional()
  @MaxLength(PASSWORD_MAX_LENGTH)
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @Length(1, NAME_MAX_LENGTH)
  BOOTSTRAP_ORGANIZATION_NAME: string = 'My Organization';

  @IsInt()
  @Min(1)
  @Max(256)
  ORG_PREFETCH: number = 16;

  /** Messages of the bulk lane (import rows) handled at once: a smaller share, so that people come first. */
  @IsInt()
  @Min(1)
  @Max(256)
  ORG_BULK_PREFETCH: number = 4;
}
