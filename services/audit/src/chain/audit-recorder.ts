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

/** What became of an event: appended to the chain, or found there already. */
export type RecordOutcome = 'recorded' | 'duplicate';

/** The columns of `audit_entries`, in the order `entryRow` gives their values. */
const ENTRY_COLUMNS = [
  'id',
  'organization_id',
  'sequence',
  'source',
  'event_id',
  'type',
  'time',
  'recorded_at',
  'principal',
  'principal_id',
  'channel',
  'origin',
  'target_type',
  'target_id',
  'target_name',
  'group_paths',
  'group_reach',
  'changes',
  'hash',
];

/**
 * Appends events to their organization's chain, once: the organization's chain head is
 * locked (FOR UPDATE) for the transaction, so its entries are appended one batch at a time
 * even across replicas, each entry with the next sequence and a hash over the previous one.
 * An event already recorded (same source and id: a redelivery, or a publisher's retry) is
 * left as it is. A batch is one transaction (one lock, one insert, one commit): recording
 * what an import publishes one event per transaction cost the imports a fifth of their time
 * (docs/BENCHMARKS.md).
 */
@Injectable()
export class AuditRecorder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(event: ChainEvent): Promise<RecordOutcome> {
    const [outcome] = await this.recordAll(event.organizationId, [event]);
    return outcome;
  }

  /** Records the events of one organization, in this order; all or none of them. */
  async recordAll(organizationId: string, events: ChainEvent[]): Promise<RecordOutcome[]> {
    if (events.some((event) => event.organizationId !== organizationId))
      throw new Error('a batch of audit events mixes organizations');
    if (events.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO audit_chain_heads (organization_id) VALUES ($1) ON CONFLICT DO NOTHING`,
        [organizationId],
      );
      const [head] = await manager.query<{ last_sequence: string; last_hash: string | null }[]>(
        `SELECT last_sequence, last_hash FROM audit_chain_heads
         WHERE organization_id = $1 FOR UPDATE`,
        [organizationId],
      );
      const seen = await this.recordedAlready(manager, events);
      const outcomes: RecordOutcome[] = [];
      const entries: { entry: RecordedEntry; hash: string }[] = [];
      let sequence = Number(head.last_sequence);
      let lastHash = head.last_hash;
      const recordedAt = new Date().toISOString();
      for (const event of events) {
        const key = eventKey(event);
        if (seen.has(key)) {
          outcomes.push('duplicate');
          continue;
        }
        seen.add(key);
        const entry: RecordedEntry = {
          id: randomUUID(),
          organizationId,
          sequence: ++sequence,
          source: event.source,
          eventId: event.id,
          type: event.type,
          time: event.time,
          recordedAt,
          principal: event.principal,
          channel: event.channel,
          origin: event.origin,
          target: event.target,
          groupPaths: event.groupPaths,
          changes: event.changes,
        };
        lastHash = entryHash(entry, lastHash);
        entries.push({ entry, hash: lastHash });
        outcomes.push('recorded');
      }
      if (entries.length === 0) return outcomes;
      const rows = entries.map(({ entry, hash }) => entryRow(entry, hash));
      await manager.query(
        `INSERT INTO audit_entries (${ENTRY_COLUMNS.join(', ')}) VALUES ${placeholders(rows)}`,
        rows.flat(),
      );
      await manager.query(
        `UPDATE audit_chain_heads SET last_sequence = $2, last_hash = $3 WHERE organization_id = $1`,
        [organizationId, sequence, lastHash],
      );
      await this.learnNames(manager, events);
      return outcomes;
    });
  }

  /** The events of the batch that are in the log already, by `eventKey`. */
  private async recordedAlready(
    manager: EntityManager,
    events: ChainEvent[],
  ): Promise<Set<string>> {
    const found = await manager.query<{ source: string; event_id: string }[]>(
      `SELECT source, event_id FROM audit_entries
       WHERE (source, event_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [events.map((event) => event.source), events.map((event) => event.id)],
    );
    return new Set(found.map((row) => eventKey({ source: row.source, id: row.event_id })));
  }

  /** Keeps the newest name of each principal that an event names as its target. */
  private async learnNames(manager: EntityManager, events: ChainEvent[]): Promise<void> {
    const newest = new Map<string, { name: string; time: string }>();
    for (const event of events) {
      const collection = PRINCIPAL_OF_TARGET[event.target.type];
      if (!collection || !event.target.name || event.type.endsWith('.deleted.v1')) continue;
      const principal = `${collection}/${event.target.id}`;
      const known = newest.get(principal);
      // One row per principal: Postgres refuses to update a row twice in one statement.
      if (!known || known.time <= event.time)
        newest.set(principal, { name: event.target.name, time: event.time });
    }
    if (newest.size === 0) return;
    const rows = [...newest].map(([principal, { name, time }]) => [principal, name, time]);
    await manager.query(
      `INSERT INTO audit_principal_names (principal, name, updated_at) VALUES ${placeholders(rows)}
       ON CONFLICT (principal) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
       WHERE audit_principal_names.updated_at <= EXCLUDED.updated_at`,
      rows.flat(),
    );
  }
}

function eventKey(event: { source: string; id: string }): string {
  return JSON.stringify([event.source, event.id]);
}

function entryRow(entry: RecordedEntry, hash: string): unknown[] {
  return [
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
  ];
}

/** `($1, $2), ($3, $4)` for rows of equal length. */
function placeholders(rows: unknown[][]): string {
  let next = 1;
  return rows.map((row) => `(${row.map(() => `$${next++}`).join(', ')})`).join(', ');
}
