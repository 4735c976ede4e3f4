import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Actor } from '../actor';

export const AUDIT_RETENTION_DAYS = { min: 1, max: 3650, default: 400 } as const;

/** An organization's audit settings (Global Settings). */
export class AuditSettings {
  /** Entries older than this many days are removed (the chain still verifies). */
  @IsInt()
  @Min(AUDIT_RETENTION_DAYS.min)
  @Max(AUDIT_RETENTION_DAYS.max)
  retentionDays!: number;
}

/**
 * Request `audit.settings.get.v1`. Reply: AuditSettings. Internal: the gateway authorizes the
 * caller with org first (Master Administrators).
 */
export class GetAuditSettingsQuery {
  @IsUUID()
  organizationId!: string;
}

/**
 * Request `audit.settings.set.v1` (internal, authorized by the gateway). Reply: AuditSettings.
 * `actor`: who saves them, for the event (`audit.settings.updated.v1`).
 */
export class SetAuditSettingsCommand {
  @IsUUID()
  organizationId!: string;

  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @ValidateNested()
  @Type(() => AuditSettings)
  settings!: AuditSettings;
}
