import type { FieldChange } from '@app/contracts';
import { entryHash, RecordedEntry } from './entry-hash';

/** Runs one SQL statement (a pg Client's or a TypeORM DataSource's `query`), rows out. */
export type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; sequence: number; id: string | null; reason: string };

const BATCH = 5000;

/**
 * Re-computes an organization's chain from where retention left it (the sequence and hash of
 * the last removed entry, kept on the chain head) to its head, and names the first entry whose
 * hash does not match what it records, or whose sequence does not follow (one removed).
 */
export async function verifyChain(query: Query, organizationId: string): Promise<ChainVerdict> {
  const [head] = await query(
    `SELECT last_sequence, last_hash, pruned_sequence, pruned_hash
     FROM audit_chain_heads WHERE organization_id = $1`,
    [organizationId],
  );
  if (!head) return { ok: true, entries: 0 };
  let previousSequence = Number(head.pruned_sequence);
  let previousHash = (head.pruned_hash as string | null) ?? null;
  let entries = 0;
  for (;;) {
    const rows = await query(
      `SELECT * FROM audit_entries WHERE organization_id = $1 AND sequence > $2
       ORDER BY sequence LIMIT ${BATCH}`,
      [organizationId, previousSequence],
    );
    for (const row of rows) {
      const entry = recordedEntry(row);
      if (entry.sequence !== previousSequence + 1)
        return {
          ok: false,
          entries,
          sequence: entry.sequence,
          id: entry.id,
          reason: `entries ${previousSequence + 1}..${entry.sequence - 1} are missing before it`,
        };
      if (entryHash(entry, previousHash) !== row.hash)
        return {
          ok: false,
          entries,
          sequence: entry.sequence,
          id: entry.id,
          reason: 'its hash does not match what it records',
        };
      previousSequence = entry.sequence;
      previousHash = row.hash;
      entries++;
    }
    if (rows.length < BATCH) break;
  }
  if (previousSequence !== Number(head.last_sequence) || previousHash !== head.last_hash)
    return {
      ok: false,
      entries,
      sequence: previousSequence + 1,
      id: null,
      reason: `entries ${previousSequence + 1}..${String(head.last_sequence)} are missing at the end`,
    };
  return { ok: true, entries };
}

/** An entry as stored, back in the form its hash was computed over. */
export function recordedEntry(row: Record<string, unknown>): RecordedEntry {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    sequence: Number(row.sequence),
    source: row.source as string,
    eventId: row.event_id as string,
    type: row.type as string,
    time: (row.time as Date).toISOString(),
    recordedAt: (row.recorded_at as Date).toISOString(),
    principal: row.principal as string | null,
    channel: row.channel as string | null,
    origin: row.origin as string | null,
    target: {
      type: row.target_type as string,
      id: row.target_id as string,
      name: row.target_name as string | null,
    },
    groupPaths: row.group_paths as string[],
    changes: row.changes as FieldChange[],
  };
}
