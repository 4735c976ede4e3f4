import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from '@app/contracts';
import { neutralizeFormula } from '@app/platform';

export const AUDIT_CSV_COLUMNS = [
  'time',
  'type',
  'actor',
  'actorName',
  'channel',
  'origin',
  'targetType',
  'targetId',
  'targetName',
  'changes',
] as const;

/** A change's value as a person reads it: text as it is, anything else as JSON. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Rows of the audit CSV (no header), each cell formula-safe, as the import report's. */
export function auditCsvRows(entries: AuditEntry[]): string {
  const rows = entries.map((entry) =>
    [
      entry.time,
      entry.type,
      entry.actor.principal ?? '',
      entry.actor.name ?? '',
      entry.channel ?? '',
      entry.origin ?? '',
      entry.target.type,
      entry.target.id,
      entry.target.name ?? '',
      entry.changes
        .map((change) => `${change.field}: ${shown(change.before)} → ${shown(change.after)}`)
        .join('; '),
    ].map(neutralizeFormula),
  );
  return rows.length === 0
    ? ''
    : stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n",]/ });
}

/** The header line, with the byte-order mark that makes spreadsheets read UTF-8. */
export function auditCsvHeader(): string {
  return '\ufeff' + stringify([[...AUDIT_CSV_COLUMNS]], { record_delimiter: 'windows' });
}
