import type { TFunction } from 'i18next';
import type { Schemas } from '../api/client';
import { isFinished, type ImportItem, type ImportView } from '../api/imports';

type RowError = Schemas['FieldErrorDto'];

/** The Import Summary's filter: every row, or the rows of one status. */
export const ITEM_FILTERS = ['all', 'succeeded', 'failed', 'pending'] as const;
export type ItemFilter = (typeof ITEM_FILTERS)[number];

/** A view of an import's rows with one filter, which the view may change. */
export interface FilteredImportProps {
  view: ImportView;
  filter: ItemFilter;
  onFilterChange: (filter: ItemFilter) => void;
}

export function isItemFilter(value: string | null | undefined): value is ItemFilter {
  return (ITEM_FILTERS as readonly string[]).includes(value ?? '');
}

/** The share of rows processed, 0-100, whole numbers (100 only when every row is). */
export function progressPercent(view: Pick<ImportView, 'processed' | 'total' | 'status'>): number {
  if (view.total <= 0) return isFinished(view) ? 100 : 0;
  const processed = Math.min(Math.max(view.processed, 0), view.total);
  if (processed === view.total) return 100;
  return Math.min(99, Math.floor((processed * 100) / view.total));
}

/** How many rows each filter shows: pending are the rows neither succeeded nor failed yet. */
export function filterCounts(
  view: Pick<ImportView, 'total' | 'succeeded' | 'failed'>,
): Record<ItemFilter, number> {
  return {
    all: view.total,
    succeeded: view.succeeded,
    failed: view.failed,
    pending: Math.max(0, view.total - view.succeeded - view.failed),
  };
}

/** The rows a filter shows (the API filters too; this keeps a page shown meanwhile honest). */
export function filterItems<T extends Pick<ImportItem, 'status'>>(
  items: T[],
  filter: ItemFilter,
): T[] {
  return filter === 'all' ? items : items.filter((item) => item.status === filter);
}

/** How an import ended, or that it has not yet: the key of its headline. */
export type Outcome =
  | 'queued'
  | 'running'
  | 'completed'
  | 'completedWithFailures'
  | 'nothingSucceeded'
  | 'cancelled'
  | 'failed';

export function outcome(view: Pick<ImportView, 'status' | 'succeeded' | 'failed'>): Outcome {
  switch (view.status) {
    case 'completed':
      if (view.failed === 0) return 'completed';
      return view.succeeded === 0 ? 'nothingSucceeded' : 'completedWithFailures';
    default:
      return view.status;
  }
}

/** The color of a status (the words are always beside it; color is never the only sign). */
export function statusColor(status: ImportView['status'] | ImportItem['status']): string {
  switch (status) {
    case 'completed':
    case 'succeeded':
      return 'green';
    case 'failed':
      return 'red';
    case 'cancelled':
      return 'orange';
    default:
      return 'blue';
  }
}

/**
 * A row's reason in words: the column it concerns, then what is wrong. Known codes get
 * the administrator's words; the server's message says the rest (a broken password rule,
 * a required cell).
 */
export function reasonText(error: RowError, t: TFunction): string {
  const column = error.field === 'Row' ? t('imports:reasons.row') : error.field;
  // A broken password rule comes as "<rule> (<RULE_CODE>)": the rule is the words.
  const message = error.message.replace(/\s*\([A-Z][A-Z0-9_]*\)$/, '');
  const words = t(`imports:reasons.codes.${error.code}`, { defaultValue: '', message });
  return `${column}: ${words || message}`;
}
