import { IsBoolean, IsOptional, IsString, MinLength } from 'class-validator';
import { DESCRIPTION_MAX_LENGTH, EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '../limits';
import { IsEmailAddress, MaxChars, PlainText, SingleLine, Trim } from '../text-rules';

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/**
 * The rules of each technician field (spec section 2), written once and used by the REST
 * bodies, the create message and the import rows alike.
 */
export const TechnicianRules = {
  // Min and max apart, so that too long is FIELD_TOO_LONG like every other field.
  name: () => compose(Trim(), IsString(), MinLength(1), MaxChars(NAME_MAX_LENGTH), SingleLine()),
  nickname: () => compose(Trim(), IsString(), MaxChars(NAME_MAX_LENGTH), SingleLine()),
  email: () =>
    compose(Trim(), IsString(), MaxChars(EMAIL_MAX_LENGTH), IsEmailAddress(), SingleLine()),
  ssoId: () => compose(Trim(), IsString(), MaxChars(NAME_MAX_LENGTH), SingleLine()),
  description: () => compose(IsString(), MaxChars(DESCRIPTION_MAX_LENGTH), PlainText()),
  flag: () => compose(IsBoolean()),
  optional: () => compose(IsOptional()),
};

/**
 * What a create applies when a field is left out. Sent with exactly this value, a field is the
 * same as left out, also for an idempotency key; likewise an empty `nickname` (the name is
 * shown), `ssoId` (none) or `description`, and a `nickname` equal to `name`.
 */
export const TECHNICIAN_DEFAULTS = {
  enabled: true,
  standardLicense: true,
  mobileLicense: false,
} as const;

/** Fields a technician is created with (the password travels separately, sealed). */
export class TechnicianFields {
  @TechnicianRules.name()
  name!: string;

  @TechnicianRules.optional()
  @TechnicianRules.nickname()
  nickname?: string;

  @TechnicianRules.email()
  email!: string;

  @TechnicianRules.optional()
  @TechnicianRules.ssoId()
  ssoId?: string;

  @TechnicianRules.optional()
  @TechnicianRules.description()
  description?: string;

  /** Default true (TECHNICIAN_DEFAULTS). */
  @TechnicianRules.optional()
  @TechnicianRules.flag()
  enabled?: boolean;

  /** Default true (TECHNICIAN_DEFAULTS). */
  @TechnicianRules.optional()
  @TechnicianRules.flag()
  standardLicense?: boolean;

  /** Default false (TECHNICIAN_DEFAULTS). */
  @TechnicianRules.optional()
  @TechnicianRules.flag()
  mobileLicense?: boolean;
}

/** What PATCH may change (moving is its own command; the password too). */
export class TechnicianChanges {
  @TechnicianRules.optional()
  @TechnicianRules.name()
  name?: string;

  @TechnicianRules.optional()
  @TechnicianRules.nickname()
  nickname?: string;

  @TechnicianRules.optional()
  @TechnicianRules.email()
  email?: string;

  @TechnicianRules.optional()
  @TechnicianRules.ssoId()
  ssoId?: string;

  @TechnicianRules.optional()
  @TechnicianRules.description()
  description?: string;

  @TechnicianRules.optional()
  @TechnicianRules.flag()
  enabled?: boolean;

  @TechnicianRules.optional()
  @TechnicianRules.flag()
  standardLicense?: boolean;

  @TechnicianRules.optional()
  @TechnicianRules.flag()
  mobileLicense?: boolean;
}
