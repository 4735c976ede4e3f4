import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { FieldChange } from '@app/contracts';
import { entryHash, RecordedEntry } from './entry-hash';
import { groupReach } from './group-reach';

/** An event as the chain takes it: the CloudEvents attributes and the AuditedChange fields. */
export interface ChainEvent {
  id: string;
  source: string;
  type: string;
  /** Normalized to milliseconds (Date#toISOString), as it is stored and hashed. */
  time: string;
  organizationId: string;
  principal: string | null;
  channel: string | null;
  origin: string | null;
  target: { type: string; id: string; name: string | null };
  groupPaths: string[];
  changes: FieldChange[];
}

/** Targets whose name is also the name of a principal that acts (the audit log's `actor.name`). */
const PRINCIPAL_OF_TARGET: Record<string, string> = {
  administrator: 'accounts',
  technician: 'accounts',
  'service-principal': 'service-principals',
  'scim-token': 'scim-tokens',
};

/**
 * Appends an event to its organization's chain, once: the organization's chain head is
 * locked (FOR UPDATE) for the transaction, so its entries are appended one at a time, each
 * with the next sequence and a hash over the previous one. An event already recorded
 * (same source and id: a redelivery, or a publisher's retry) is left as it is.
 */
@Injectable()
export class AuditRecorder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(event: ChainEvent): Promise<'recorded' | 'duplicate'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO audit_chain_heads (organization_id) VALUES ($1) ON CONFLICT DO NOTHING`,
        [event.organizationId],
      );
      const [head] = await manager.query<{ last_sequence: string; last_hash: string | null }[]>(
        `SELECT last_sequence, last_hash FROM audit_chain_heads
         WHERE organization_id = $1 FOR UPDATE`,
        [event.organizationId],
      );
      const seen = await manager.query<unknown[]>(
        `SELECT 1 FROM audit_entries WHERE source = $1 AND event_id = $2`,
        [event.source, event.id],
      );
      if (seen.length > 0) return 'duplicate';

      const entry: RecordedEntry = {
        id: randomUUID(),
        organizationId: event.organizationId,
        sequence: Number(head.last_sequence) + 1,
        source: event.source,
        eventId: event.id,
        type: event.type,
        time: event.time,
        recordedAt: new Date().toISOString(),
        principal: event.principal,
        channel: event.channel,
        origin: event.origin,
        target: event.target,
        groupPaths: event.groupPaths,
        changes: event.changes,
      };
      const hash = entryHash(entry, head.last_hash);
      await manager.query(
        `INSERT INTO audit_entries (id, organization_id, sequence, source, event_id, type, time,
           recorded_at, principal, principal_id, channel, origin, target_type, target_id,
           target_name, group_paths, group_reach, changes, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          entry.id,
          entry.organizationId,
          entry.sequence,
          entry.source,
          entry.eventId,
          entry.type,
          entry.time,
          entry.recordedAt,
          entry.principal,
          entry.principal?.split('/')[1] ?? null,
          entry.channel,
          entry.origin,
          entry.target.type,
          entry.target.id,
          entry.target.name,
          entry.groupPaths,
          groupReach(entry.groupPaths),
          JSON.stringify(entry.changes),
          hash,
        ],
      );
      await manager.query(
        `UPDATE audit_chain_heads SET last_sequence = $2, last_hash = $3 WHERE organization_id = $1`,
        [entry.organizationId, entry.sequence, hash],
      );
      await this.learnName(manager, event);
      return 'recorded';
    });
  }

  /** Keeps the newest name of a principal that an event names as its target. */
  private async learnName(manager: EntityManager, event: ChainEvent): Promise<void> {
    const collection = PRINCIPAL_OF_TARGET[event.target.type];
    if (!collection || !event.target.name || event.type.endsWith('.deleted.v1')) return;
    await manager.query(
      `INSERT INTO audit_principal_names (principal, name, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (principal) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
       WHERE audit_principal_names.updated_at <= EXCLUDED.updated_at`,
      [`${collection}/${event.target.id}`, event.target.name, event.time],
    );
  }
}
