import type { AuditFilters } from '../api/audit-events';

/** The filter form's values: ids as typed, times as a `datetime-local` input holds them. */
export interface FilterValues {
  actor: string;
  target: string;
  type: string;
  from: string;
  to: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters in the page's address (so that a filtered log can be linked and reloaded). */
export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of ['actor', 'target', 'type', 'from', 'to'] as const) {
    const value = search.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export function searchFromFilters(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(filters) as [string, string | undefined][]) {
    if (value) search.set(name, value);
  }
  return search;
}

/** `2026-12-07T10:00:00.000Z` as a local `datetime-local` value (`2026-12-07T11:00` in Berlin). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A local `datetime-local` value as RFC 3339 (UTC), or undefined when empty or invalid. */
export function fromLocalInput(local: string): string | undefined {
  if (!local.trim()) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function valuesOf(filters: AuditFilters): FilterValues {
  return {
    actor: filters.actor ?? '',
    target: filters.target ?? '',
    type: filters.type ?? '',
    from: toLocalInput(filters.from),
    to: toLocalInput(filters.to),
  };
}

export function filtersOf(values: FilterValues): AuditFilters {
  const filters: AuditFilters = {
    actor: values.actor.trim() || undefined,
    target: values.target.trim() || undefined,
    type: values.type || undefined,
    from: fromLocalInput(values.from),
    to: fromLocalInput(values.to),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
}

/** What is wrong with the form, by field (i18n keys of the audit namespace), before asking. */
export function filterErrors(values: FilterValues): Partial<Record<keyof FilterValues, string>> {
  const errors: Partial<Record<keyof FilterValues, string>> = {};
  if (values.actor.trim() && !UUID.test(values.actor.trim())) errors.actor = 'filters.notAnId';
  if (values.target.trim() && !UUID.test(values.target.trim())) errors.target = 'filters.notAnId';
  if (values.from.trim() && !fromLocalInput(values.from)) errors.from = 'filters.notATime';
  if (values.to.trim() && !fromLocalInput(values.to)) errors.to = 'filters.notATime';
  const from = fromLocalInput(values.from);
  const to = fromLocalInput(values.to);
  if (from && to && from >= to) errors.to = 'filters.toBeforeFrom';
  return errors;
}
