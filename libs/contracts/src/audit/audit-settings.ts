import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';

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

/** Request `audit.settings.set.v1` (internal, authorized by the gateway). Reply: AuditSettings. */
export class SetAuditSettingsCommand {
  @IsUUID()
  organizationId!: string;

  @ValidateNested()
  @Type(() => AuditSettings)
  settings!: AuditSettings;
}
