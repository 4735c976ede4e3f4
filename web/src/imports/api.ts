import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, data, download, type Schemas } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { isFinished, type ItemFilter } from './import-summary';

export type ImportView = Schemas['ImportDto'];
export type ImportItem = Schemas['ImportItemDto'];
export type TemplateDelimiter = 'comma' | 'semicolon' | 'tab';

/** How often a running import is asked for its progress. */
const POLL_MS = 750;
const HISTORY_PAGE = 20;
const ITEMS_PAGE = 100;

/** The earlier imports, newest first, a page at a time (GET /imports). */
export function useImportHistory() {
  return useInfiniteQuery({
    queryKey: queryKeys.imports,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/imports', {
          params: { query: { limit: HISTORY_PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * One import (GET /imports/:id), asked again while it is queued or running, also while
 * the tab is in the background, so that its progress is current when one comes back.
 */
export function useImport(importId: string) {
  return useQuery({
    queryKey: queryKeys.import(importId),
    queryFn: () => data(api.GET('/api/v1/imports/{id}', { params: { path: { id: importId } } })),
    refetchInterval: (query) =>
      query.state.data && isFinished(query.state.data) ? false : POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}

/** The rows of an import with one status (or all), a page at a time (GET /imports/:id/items). */
export function useImportItems(importId: string, filter: ItemFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: queryKeys.importItems(importId, filter),
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/imports/{id}/items', {
          params: {
            path: { id: importId },
            query: {
              limit: ITEMS_PAGE,
              cursor: pageParam,
              status: filter === 'all' ? undefined : filter,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface StartImport {
  file: File;
  groupId: string | null;
  dryRun: boolean;
  /** One key per chosen file and options: sent twice, the API answers the first import. */
  idempotencyKey: string;
}

/** POST /imports (multipart): 202 with the queued import, or a file-level problem. */
export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, groupId, dryRun, idempotencyKey }: StartImport) => {
      const form = new FormData();
      form.append('file', file, file.name);
      if (groupId) form.append('groupId', groupId);
      if (dryRun) form.append('dryRun', 'true');
      return data(
        api.POST('/api/v1/imports', {
          // FormData goes as it is: the browser writes the multipart boundary.
          body: form as unknown as Schemas['UploadImportBody'],
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      );
    },
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.import(view.id), view);
      void queryClient.invalidateQueries({ queryKey: queryKeys.imports, exact: true });
    },
  });
}

/** POST /imports/:id/cancel: rows not processed yet end failed (409 when already finished). */
export function useCancelImport(importId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      data(api.POST('/api/v1/imports/{id}/cancel', { params: { path: { id: importId } } })),
    onSuccess: (view) => queryClient.setQueryData(queryKeys.import(importId), view),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.import(importId) }),
  });
}

export function downloadCsvTemplate(delimiter: TemplateDelimiter): Promise<void> {
  return download(
    `/api/v1/imports/template.csv?delimiter=${delimiter}`,
    `technicians-import-${delimiter}.csv`,
  );
}

export function downloadJsonTemplate(): Promise<void> {
  return download('/api/v1/imports/template.json', 'technicians-import.json');
}

/** The Import Summary as CSV: the rows (without passwords) with Status and Reason. */
export function downloadReport(view: ImportView): Promise<void> {
  const base = view.fileName.replace(/\.(csv|json|txt)$/i, '') || 'import';
  return download(`/api/v1/imports/${view.id}/report.csv`, `${base}-report.csv`);
}

/** A random key for Idempotency-Key (crypto.randomUUID needs a secure context; this does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
