import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AUDIT_PAGE_DEFAULT,
  AuditActorType,
  AuditEntry,
  AuditEntryPage,
  AuditEventFilters,
  FieldChange,
} from '@app/contracts';
import { keysetPage } from '@app/platform';
import { auditCursor, sequenceOfCursor } from './audit-cursor';
import { AuditReach, auditWhere } from './audit-filters';

interface EntryRow {
  id: string;
  sequence: string;
  event_id: string;
  type: string;
  time: Date;
  recorded_at: Date;
  principal: string | null;
  channel: string | null;
  origin: string | null;
  target_type: string;
  target_id: string;
  target_name: string | null;
  changes: FieldChange[];
  actor_name: string | null;
}

const ACTOR_TYPES: Record<string, AuditActorType> = {
  accounts: 'account',
  'service-principals': 'service-principal',
  'scim-tokens': 'scim-token',
};

/** Pages of the log, newest first (by sequence: the order entries were appended). */
@Injectable()
export class AuditReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    reach: AuditReach,
    filters: AuditEventFilters,
    limit = AUDIT_PAGE_DEFAULT,
    cursor?: string,
  ): Promise<AuditEntryPage> {
    const before = cursor ? sequenceOfCursor(cursor) : undefined;
    const { conditions, params } = auditWhere(reach, filters, before);
    params.push(limit + 1);
    const rows = await this.dataSource.query<EntryRow[]>(
      `SELECT e.id, e.sequence, e.event_id, e.type, e.time, e.recorded_at, e.principal,
              e.channel, e.origin, e.target_type, e.target_id, e.target_name, e.changes,
              n.name AS actor_name
       FROM audit_entries e
       LEFT JOIN audit_principal_names n ON n.principal = e.principal
       WHERE ${conditions.map((c) => `e.${c}`).join(' AND ')}
       ORDER BY e.sequence DESC
       LIMIT $${params.length}`,
      params,
    );
    const { page, nextCursor } = keysetPage(rows, limit, (last) => [last.sequence]);
    return {
      items: page.map(toEntry),
      nextCursor: nextCursor ? auditCursor(Number(page[page.length - 1].sequence)) : null,
    };
  }
}

function toEntry(row: EntryRow): AuditEntry {
  const [collection, id] = row.principal?.split('/') ?? [];
  return {
    id: row.id,
    sequence: Number(row.sequence),
    eventId: row.event_id,
    type: row.type,
    time: row.time.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    actor: {
      principal: row.principal,
      type: collection ? (ACTOR_TYPES[collection] ?? null) : null,
      id: id ?? null,
      name: row.actor_name,
    },
    channel: row.channel as AuditEntry['channel'],
    origin: row.origin,
    target: { type: row.target_type, id: row.target_id, name: row.target_name },
    changes: row.changes,
  };
}
