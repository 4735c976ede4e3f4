import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, cursorPaging, data, download, type Schemas } from './client';
import { queryKeys } from './query-keys';
import type { paths } from './schema';

export type ImportView = Schemas['ImportDto'];
export type ImportItem = Schemas['ImportItemDto'];
export type TemplateDelimiter = NonNullable<
  NonNullable<paths['/api/v1/imports/template.csv']['get']['parameters']['query']>['delimiter']
>;

/** How often a running import is asked for its progress. */
const POLL_MS = 750;
const HISTORY_PAGE = 20;
const ITEMS_PAGE = 100;

/** An import that will not change any more (completed, failed or cancelled). */
export function isFinished(view: Pick<ImportView, 'status'>): boolean {
  return view.status === 'completed' || view.status === 'failed' || view.status === 'cancelled';
}

/** The earlier imports, newest first, a page at a time (GET /imports). */
export function useImportHistory() {
  return useInfiniteQuery({
    ...cursorPaging,
    queryKey: queryKeys.imports,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/imports', {
          params: { query: { limit: HISTORY_PAGE, cursor: pageParam } },
        }),
      ),
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
export function useImportItems(
  importId: string,
  status: ImportItem['status'] | 'all',
  enabled: boolean,
) {
  return useInfiniteQuery({
    ...cursorPaging,
    queryKey: queryKeys.importItems(importId, status),
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/imports/{id}/items', {
          params: {
            path: { id: importId },
            query: {
              limit: ITEMS_PAGE,
              cursor: pageParam,
              status: status === 'all' ? undefined : status,
            },
          },
        }),
      ),
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
