import type { TFunction } from 'i18next';
import type { AuditEntry } from '../api/audit-events';
import { typeKey } from './event-kinds';

/** Updates that have their own words when all they did was enable or disable. */
const SAYS_ENABLED = new Set(['org.technician.updated.v1', 'org.administrator.updated.v1']);

/**
 * An entry as a sentence about its target, e.g. "updated technician Bob Tech"; an update
 * that only enabled or disabled it says so. A type this version does not know yet still
 * reads: its type and its target.
 */
export function describeEntry(entry: AuditEntry, t: TFunction): string {
  const name = entry.target.name || entry.target.id;
  const onlyChange = entry.changes.length === 1 ? entry.changes[0] : undefined;
  if (SAYS_ENABLED.has(entry.type) && onlyChange?.field === 'enabled') {
    const key = `${typeKey(entry.type)}_${onlyChange.after === false ? 'disabled' : 'enabled'}`;
    return t(`events.${key}`, { name });
  }
  return t(`events.${typeKey(entry.type)}`, {
    name,
    defaultValue: t('events.unknown', {
      type: entry.type,
      targetType: entry.target.type,
      name,
    }),
  });
}

/** Who acted: its name as last known, else its id, else nobody (the product on its own). */
export function actorLabel(entry: AuditEntry, t: TFunction): string {
  return entry.actor.name ?? entry.actor.id ?? entry.actor.principal ?? t('actorTypes.none');
}

/** The import an entry came from (`imports/<id>` or `imports/<id>/rows/<row>`), if any. */
export function importOrigin(
  origin: string | null,
): { importId: string; row?: number } | undefined {
  const match = /^imports\/([0-9a-f-]{36})(?:\/rows\/(\d+))?$/i.exec(origin ?? '');
  if (!match) return undefined;
  return { importId: match[1], row: match[2] ? Number(match[2]) : undefined };
}

/** From where: "REST from 203.0.113.9", "AMQP as billing-service", "import row 12", ... */
export function describeOrigin(
  entry: Pick<AuditEntry, 'channel' | 'origin'>,
  t: TFunction,
): string {
  const channel = entry.channel;
  if (!channel) return entry.origin ?? t('origin.unknown');
  if (channel === 'import') {
    const source = importOrigin(entry.origin);
    return source?.row ? t('origin.importRow', { row: source.row }) : t('origin.import');
  }
  const known = ['rest', 'scim', 'sso', 'amqp', 'cli', 'system'].includes(channel);
  if (!known) return entry.origin ? `${channel} ${entry.origin}` : channel;
  return entry.origin
    ? t(`origin.${channel}`, { origin: entry.origin })
    : t(`origin.${channel}_bare`);
}

/** A value before or after a change, readable: Yes/No, lists joined, nothing said as such. */
export function formatValue(value: unknown, t: TFunction): string {
  if (value === null || value === undefined) return t('value.none');
  if (typeof value === 'boolean') return value ? t('value.yes') : t('value.no');
  if (Array.isArray(value)) {
    return value.length === 0
      ? t('value.none')
      : value.map((item) => formatValue(item, t)).join(', ');
  }
  if (typeof value === 'string') return value === '' ? t('value.empty') : value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A field's name in words where it has one, else as the API names it. */
export function fieldLabel(field: string, t: TFunction): string {
  return t(`fields.${field}`, { defaultValue: field });
}
