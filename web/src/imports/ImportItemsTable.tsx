import {
  Badge,
  Button,
  Center,
  Group,
  List,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TableHead, TableRows } from '../ui/TableParts';
import { ErrorState } from '../ui/ErrorState';
import { useImportItems, type ImportItem } from '../api/imports';
import {
  filterCounts,
  filterItems,
  ITEM_FILTERS,
  reasonText,
  statusColor,
  type FilteredImportProps,
} from './import-summary';

const column = createColumnHelper<ImportItem>();

/**
 * Every row of a finished import (row, line, name, email, status, reasons), filtered by
 * status; the API pages them (a hundred at a time), more on request.
 */
export function ImportItemsTable({ view, filter, onFilterChange }: FilteredImportProps) {
  const { t } = useTranslation('imports');
  const items = useImportItems(view.id, filter, true);
  const counts = filterCounts(view);
  const rows = useMemo(
    () => filterItems(items.data?.pages.flatMap((page) => page.items) ?? [], filter),
    [items.data, filter],
  );

  const columns = useMemo(
    () => [
      column.accessor('row', { header: () => t('items.row') }),
      column.accessor('line', { header: () => t('items.line'), cell: (c) => c.getValue() ?? '—' }),
      column.accessor('name', { header: () => t('items.name') }),
      column.accessor('email', { header: () => t('items.email') }),
      column.accessor('status', {
        header: () => t('items.status'),
        cell: (c) => {
          const status = c.getValue();
          const key = view.dryRun && status === 'succeeded' ? 'wouldSucceed' : status;
          return (
            <Badge color={statusColor(status)} variant="dot" miw="max-content">
              {t(`items.statuses.${key}`)}
            </Badge>
          );
        },
      }),
      column.accessor('errors', {
        header: () => t('items.reasons'),
        cell: (c) => {
          const errors = c.getValue();
          if (errors.length === 0) return null;
          return (
            <List size="sm" spacing={2}>
              {errors.map((error, i) => (
                <List.Item key={i}>{reasonText(error, t)}</List.Item>
              ))}
            </List>
          );
        },
      }),
    ],
    [t, view.dryRun],
  );
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (item) => String(item.row),
  });

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('items.filter')}
        value={filter}
        onChange={(value) => onFilterChange(value)}
        data={ITEM_FILTERS.map((value) => ({
          value,
          label: t(`items.${value}`, { count: counts[value] }),
        }))}
        style={{ alignSelf: 'flex-start' }}
      />
      {items.isError ? (
        <ErrorState error={items.error} onRetry={() => void items.refetch()} />
      ) : items.isPending ? (
        <Center p="md">
          <Loader size="sm" role="progressbar" aria-label={t('items.table')} />
        </Center>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label={t('items.table')} striped verticalSpacing="xs">
              <TableHead table={table} />
              <Table.Tbody>
                <TableRows table={table} />
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {rows.length === 0 ? (
            <Text c="dimmed">{t('items.empty')}</Text>
          ) : (
            <Group>
              <Text size="sm">
                {t('items.shown', { shown: rows.length, count: counts[filter] })}
              </Text>
              {items.hasNextPage && (
                <Button
                  variant="subtle"
                  onClick={() => void items.fetchNextPage()}
                  loading={items.isFetchingNextPage}
                >
                  {t('items.more')}
                </Button>
              )}
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
