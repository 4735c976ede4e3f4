import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Actor } from '../actor';
import { ADMINISTRATOR_GROUPS_MAX } from '../limits';
import { PageQuery } from '../pagination';
import { Roles } from '../roles';
import { IsSealedSecret } from '../sealed-secret';
import { TechnicianRules } from '../technicians/technician-fields';
import { IDEMPOTENCY_KEY_PATTERN } from '../technicians/technician';

export type AdministratorRole = typeof Roles.MASTER_ADMIN | typeof Roles.ADMIN;
export const ADMINISTRATOR_ROLES: readonly AdministratorRole[] = [Roles.MASTER_ADMIN, Roles.ADMIN];

export interface AdministratorView {
  id: string;
  organizationId: string;
  name: string;
  email: string;
  /** The Single Sign-On ID; null when none. */
  ssoId: string | null;
  role: AdministratorRole;
  /** The Technician Groups an Administrator manages (with everything below them). Empty for a Master Administrator. */
  groupIds: string[];
  enabled: boolean;
  mustChangePassword?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The fields of a new administrator (the password travels separately, sealed). */
export class AdministratorFields {
  @TechnicianRules.name()
  name!: string;

  @TechnicianRules.email()
  email!: string;

  /** Unique within the organization across every account; empty means none. */
  @TechnicianRules.optional()
  @TechnicianRules.ssoId()
  ssoId?: string;

  @IsIn(ADMINISTRATOR_ROLES)
  role!: AdministratorRole;

  /** Ignored for a Master Administrator, who reaches the whole organization. */
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ADMINISTRATOR_GROUPS_MAX)
  @IsUUID('all', { each: true })
  groupIds!: string[];
}

/** What PATCH /administrators/:id may change (the password travels separately, sealed). */
export class AdministratorChanges {
  @TechnicianRules.optional()
  @TechnicianRules.name()
  name?: string;

  @TechnicianRules.optional()
  @TechnicianRules.email()
  email?: string;

  /** Empty removes it. */
  @TechnicianRules.optional()
  @TechnicianRules.ssoId()
  ssoId?: string;

  @IsOptional()
  @IsIn(ADMINISTRATOR_ROLES)
  role?: AdministratorRole;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ADMINISTRATOR_GROUPS_MAX)
  @IsUUID('all', { each: true })
  groupIds?: string[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/**
 * Command `org.administrator.create.v1` (Master Administrators only). Idempotent by
 * `idempotencyKey` as `org.technician.create.v1` is: the same actor, fields (an empty `ssoId`
 * is the same as none, the order of `groupIds` aside, and `groupIds` not at all for a Master Administrator, who ignores them)
 * and password answer the first outcome; anything else is IDEMPOTENCY_KEY_REUSED.
 * Reply: AdministratorView.
 */
export class CreateAdministratorCommand extends AdministratorFields {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsSealedSecret()
  sealedPassword!: string;

  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey!: string;
}

/** Command `org.administrator.update.v1` (Master Administrators only). Reply: AdministratorView. */
export class UpdateAdministratorCommand extends AdministratorChanges {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsUUID()
  administratorId!: string;

  @IsOptional()
  @IsSealedSecret()
  sealedPassword?: string;
}

/** Request `org.administrator.list.v1` (Master Administrators only). Reply: Page<AdministratorView>. */
export class ListAdministratorsQuery extends PageQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;
}

/**
 * Command `org.administrator.restore-master.v1`, sent by the operator's recovery command
 * (`npm run org:restore-master`), never by a person's request: makes the administrator with
 * this email the enabled Master Administrator of their organization, only when that
 * organization has none (else CONFLICT), so it cannot raise anyone in an organization that
 * is run by a Master Administrator. Reply: AdministratorView.
 */
export class RestoreMasterAdministratorCommand {
  @TechnicianRules.email()
  email!: string;
}
