import { IsOptional, Matches, MinLength } from 'class-validator';
import { NAME_MAX_LENGTH } from '../limits';
import { IsSealedSecret } from '../sealed-secret';
import { MaxChars, SingleLine, Trim } from '../text-rules';
import { TechnicianRules } from '../technicians/technician-fields';
import { IDEMPOTENCY_KEY_PATTERN } from '../technicians/technician';

/**
 * Command `org.organization.create.v1` (operators, through `npm run org:create`): a further
 * organization and its Master Administrator.
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
