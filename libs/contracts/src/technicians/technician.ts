import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Actor } from '../actor';
import { PageQuery } from '../pagination';
import type { Permission } from '../permissions';
import { IsSealedSecret } from '../sealed-secret';
import { SingleLine } from '../text-rules';
import { DirectoryProfile, EXTERNAL_ID_MAX_LENGTH } from './directory-profile';
import { TechnicianChanges, TechnicianFields } from './technician-fields';

export interface TechnicianView {
  id: string;
  organizationId: string;
  groupId: string;
  name: string;
  nickname: string;
  email: string;
  ssoId: string | null;
  description: string;
  enabled: boolean;
  standardLicense: boolean;
  mobileLicense: boolean;
  /** The permissions of its group: inherited, never stored per technician. */
  permissions: Permission[];
  /** Present where identity was asked (create, get): whether the technician must change the password. */
  mustChangePassword?: boolean;
  /** Present only where asked for (`withDirectory`): what a directory said of it, or null. */
  directory?: DirectoryProfile | null;
  createdAt: string;
  updatedAt: string;
}

/** The longest Idempotency-Key an HTTP client may send (the gateway prefixes `client:`). */
export const CLIENT_IDEMPOTENCY_KEY_MAX_LENGTH = 200;
/** The longest idempotency key of a command. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/**
 * Idempotency keys of commands: an HTTP client's key behind the gateway's `client:`
 * prefix, an import row's `<importId>:<row>`, another service's own.
 */
export const IDEMPOTENCY_KEY_PATTERN = new RegExp(
  `^[A-Za-z0-9:._-]{1,${IDEMPOTENCY_KEY_MAX_LENGTH}}$`,
);

/** What an HTTP client may send in Idempotency-Key. */
export const CLIENT_IDEMPOTENCY_KEY_PATTERN = new RegExp(
  `^[A-Za-z0-9:._-]{1,${CLIENT_IDEMPOTENCY_KEY_MAX_LENGTH}}$`,
);

/** What makes one technician: its fields, its group and the command's key (its password apart). */
export class TechnicianCreation extends TechnicianFields {
  @IsUUID()
  groupId!: string;

  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey!: string;

  /**
   * The import row this technician comes from (1 for a file's first record), set by the
   * import service: the created event's origin is then `imports/<id>/rows/<row>`. Read only
   * when the actor's origin is an import; not part of the command's meaning.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  row?: number;
}

/**
 * Command `org.technician.create.v1`, the one way a technician is created (REST and import).
 * A repeat with the same `idempotencyKey` (per organization) answers the first outcome and
 * never makes a second technician. The same command is the same actor (account or service
 * principal, whatever token it came with), the same fields once defaults are applied (a
 * field left out equals the field sent with its default: `enabled` true, `standardLicense`
 * true, `mobileLicense` false, `dryRun` false, an empty `nickname`, `ssoId` or
 * `description`, a `nickname` equal to `name`) and the same password however it was sealed
 * (identity compares). Another actor, value or password under the key is
 * IDEMPOTENCY_KEY_REUSED, and never sees the first outcome. A repeat is answered before the
 * group is looked at: after the group was moved out of the actor's reach or deleted, it still
 * answers the first outcome. Reply: TechnicianView (with `mustChangePassword`). With `dryRun`,
 * every check runs (scope, group, email and SSO ID free, password policy) and nothing is
 * created (no key is kept): the reply is then the technician as it would be, with an empty `id`.
 */
export class CreateTechnicianCommand extends TechnicianCreation {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  /**
   * Absent only for a directory's (SCIM) User sent without one: the technician then has no
   * password, and none signs it in until an administrator sets one.
   */
  @IsOptional()
  @IsSealedSecret()
  sealedPassword?: string;

  /** What a directory (SCIM) sent beside the fields, kept as sent. */
  @IsOptional()
  @ValidateNested()
  @Type(() => DirectoryProfile)
  directory?: DirectoryProfile;

  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

class TechnicianCommand {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsUUID()
  technicianId!: string;
}

/** Request `org.technician.get.v1`. Reply: TechnicianView (with `directory` when asked). */
export class GetTechnicianQuery extends TechnicianCommand {
  @IsOptional()
  @IsBoolean()
  withDirectory?: boolean;
}

/** Command `org.technician.update.v1`. Reply: TechnicianView. */
export class UpdateTechnicianCommand extends TechnicianChanges {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsUUID()
  technicianId!: string;

  /** Replaces what a directory (SCIM) said of the technician; left out, it stays. */
  @IsOptional()
  @ValidateNested()
  @Type(() => DirectoryProfile)
  directory?: DirectoryProfile;
}

/** Command `org.technician.delete.v1`. Reply: `{ id }`. The credential is revoked too. */
export class DeleteTechnicianCommand extends TechnicianCommand {}

/** Command `org.technician.move.v1`: the caller needs scope over both groups. Reply: TechnicianView. */
export class MoveTechnicianCommand extends TechnicianCommand {
  @IsUUID()
  groupId!: string;
}

/** Command `org.technician.password.set.v1` (an administrator resets it). Reply: `{ mustChangePassword }`. */
export class SetTechnicianPasswordCommand extends TechnicianCommand {
  @IsSealedSecret()
  sealedPassword!: string;
}

/** Request `org.technician.list.v1`: within the caller's scope, by name. Reply: Page<TechnicianView>. */
export class ListTechniciansQuery extends PageQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsOptional()
  @IsUUID()
  groupId?: string;

  /** Matches name or email, case-insensitively, anywhere in them. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @SingleLine()
  q?: string;

  /** Only the technician whose sign-in email is exactly this, compared case-insensitively. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @SingleLine()
  email?: string;

  /** Only technicians a directory gave exactly this `externalId`. */
  @IsOptional()
  @IsString()
  @MaxLength(EXTERNAL_ID_MAX_LENGTH)
  externalId?: string;

  /** Each view with `directory` (what a directory said of it, or null). */
  @IsOptional()
  @IsBoolean()
  withDirectory?: boolean;
}
