import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, cursorPaging, data, download, type Schemas } from './client';
import { queryKeys } from './query-keys';

/**
 * One entry of the audit log (GET /audit-events): who (actor), what (type, target, the
 * fields changed), when and from where (channel, origin). A change's values are any JSON,
 * which the generated types cannot say.
 */
export type AuditEntry = Omit<Schemas['AuditEntryDto'], 'changes'> & {
  changes: AuditFieldChange[];
};

export interface AuditFieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

/** The filters of the log, each as the API takes it (absent: not filtered). */
export interface AuditFilters {
  /** An account, service principal or SCIM token id. */
  actor?: string;
  /** A target id (a technician's, a group's, ...). */
  target?: string;
  /** An exact event type, or a prefix ending in `*` (`org.technician.*`). */
  type?: string;
  /** RFC 3339, inclusive. */
  from?: string;
  /** RFC 3339, exclusive. */
  to?: string;
}

/** The filters that are set, in a fixed order (the query key and the query string). */
export function auditQuery(filters: AuditFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of ['actor', 'target', 'type', 'from', 'to'] as const) {
    const value = filters[name]?.trim();
    if (value) query[name] = value;
  }
  return query;
}

/** The entries matching `filters`, newest first, `pageSize` at a time (keyset pages). */
export function useAuditEvents(filters: AuditFilters, pageSize: number, enabled = true) {
  const query = auditQuery(filters);
  return useInfiniteQuery({
    ...cursorPaging,
    queryKey: queryKeys.auditEvents(query, pageSize),
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/audit-events', {
          params: { query: { ...query, limit: pageSize, cursor: pageParam } },
        }),
      ) as Promise<AuditPage>,
    placeholderData: keepPreviousData,
    // The log grows with every change anywhere: read it again whenever it is shown.
    staleTime: 0,
    enabled,
  });
}

/** Every entry matching `filters` as CSV (GET /audit-events.csv), saved as a file. */
export function downloadAuditCsv(filters: AuditFilters, now = new Date()): Promise<void> {
  const search = new URLSearchParams(auditQuery(filters)).toString();
  const day = now.toISOString().slice(0, 10);
  return download(`/api/v1/audit-events.csv${search ? `?${search}` : ''}`, `audit-log-${day}.csv`);
}
