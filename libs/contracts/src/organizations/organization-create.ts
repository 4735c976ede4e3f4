import { IsOptional, Matches, MinLength } from 'class-validator';
import { NAME_MAX_LENGTH } from '../limits';
import { IsSealedSecret } from '../sealed-secret';
import { MaxChars, SingleLine, Trim } from '../text-rules';
import { TechnicianRules } from '../technicians/technician-fields';
import { IDEMPOTENCY_KEY_PATTERN } from '../technicians/technician';

/** The name of an organization's first Master Administrator when `adminName` is left out. */
export const DEFAULT_MASTER_ADMINISTRATOR_NAME = 'Master Administrator';

/**
 * Command `org.organization.create.v1` (operators, through `npm run org:create`): a further
 * organization and its Master Administrator. Idempotent by `idempotencyKey` over the whole
 * installation: the same name, email, password and `adminName` (left out =
 * DEFAULT_MASTER_ADMINISTRATOR_NAME) answer the first outcome; anything else is IDEMPOTENCY_KEY_REUSED.
 */
export class CreateOrganizationCommand {
  @Trim()
  @MinLength(1)
  @MaxChars(NAME_MAX_LENGTH)
  @SingleLine()
  name!: string;

  @TechnicianRules.email()
  adminEmail!: string;

  @IsOptional()
  @TechnicianRules.name()
  adminName?: string;

  @IsSealedSecret()
  sealedAdminPassword!: string;

  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey!: string;
}

export interface CreateOrganizationReply {
  organizationId: string;
  administratorId: string;
}
