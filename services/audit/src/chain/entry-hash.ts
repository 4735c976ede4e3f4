import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FieldChange } from '@app/contracts';

/** What an entry records, and so what its hash covers (with the previous entry's hash). */
export interface RecordedEntry {
  id: string;
  organizationId: string;
  sequence: number;
  source: string;
  eventId: string;
  type: string;
  /** RFC 3339 with milliseconds (`Date#toISOString`), as Postgres gives it back. */
  time: string;
  recordedAt: string;
  principal: string | null;
  channel: string | null;
  origin: string | null;
  target: { type: string; id: string; name: string | null };
  groupPaths: string[];
  changes: FieldChange[];
}

/**
 * SHA-256 (hex) over the RFC 8785 canonical JSON of the entry's recorded fields and the
 * previous entry's hash of its organization (null for the first): change any field of any
 * entry, or remove one from the middle, and every hash from there on no longer matches.
 */
export function entryHash(entry: RecordedEntry, previousHash: string | null): string {
  const canonical = canonicalize({ ...entry, previousHash });
  if (canonical === undefined) throw new Error('an audit entry has no canonical form');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
