import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
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
import type { ChangeChannel } from '../events/change-origin';
import type { EventTarget, FieldChange } from '../events/audited-change';

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;
/** The most entries one CSV export holds. */
export const AUDIT_EXPORT_MAX = 100_000;
/** An event type (`org.technician.updated.v1`), or a prefix of one ending in `*` (`org.technician.*`). */
export const AUDIT_TYPE_FILTER = /^[a-z0-9][a-z0-9.-]{0,199}\*?$/;

/** The filters of the audit log (REST query parameters `actor`, `target`, `type`, `from`, `to`). */
export class AuditEventFilters {
  /** An account, service principal or SCIM token id (REST `actor`). */
  @IsOptional()
  @IsUUID()
  actorId?: string;

  /** A target's id (REST `target`). */
  @IsOptional()
  @IsUUID()
  targetId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(AUDIT_TYPE_FILTER, {
    message: 'must be an event type, or a prefix of one ending in *',
  })
  type?: string;

  /** RFC 3339, inclusive. */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** RFC 3339, exclusive. */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/**
 * Request `audit.events.list.v1`: newest first, keyset pages. Reply: AuditEntryPage. A limit
 * above a page's (200) is the CSV export's, read by the gateway in one call.
 */
export class ListAuditEventsQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @ValidateNested()
  @Type(() => AuditEventFilters)
  filters!: AuditEventFilters;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(AUDIT_EXPORT_MAX)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}

export type AuditActorType = 'account' | 'service-principal' | 'scim-token';

export interface AuditEntryActor {
  /** `accounts/<id>`, `service-principals/<id>` or `scim-tokens/<id>`; null for events stored before principals. */
  principal: string | null;
  type: AuditActorType | null;
  id: string | null;
  name: string | null;
}

/** One entry of the audit log. */
export interface AuditEntry {
  id: string;
  sequence: number;
  eventId: string;
  type: string;
  time: string;
  recordedAt: string;
  actor: AuditEntryActor;
  channel: ChangeChannel | null;
  origin: string | null;
  target: EventTarget | { type: string; id: string; name: string | null };
  changes: FieldChange[];
}

export interface AuditEntryPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
