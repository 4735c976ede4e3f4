import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useGroupTechnicians } from '../api/groups';
import type { Technician } from '../api/technicians';
import { TableHead, TableRows } from '../ui/TableParts';
import { ErrorState } from '../ui/ErrorState';

const PAGE_SIZE = 25;
const column = createColumnHelper<Technician>();

/** A group's technicians, a page at a time (the API's cursors), each linking to its page. */
export function GroupTechniciansTable({
  groupId,
  groupName,
}: {
  groupId: string;
  groupName: string;
}) {
  const { t } = useTranslation('tree');
  /** The cursors of the pages before this one, and this one's. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const page = useGroupTechnicians(groupId, PAGE_SIZE, cursor);

  const columns = useMemo(
    () => [
      column.accessor('name', {
        header: () => t('technicians.name'),
        cell: (info) => (
          <Anchor component={Link} to={`/technicians/${info.row.original.id}`}>
            {info.getValue()}
          </Anchor>
        ),
      }),
      column.accessor('email', { header: () => t('technicians.email') }),
      column.accessor('enabled', {
        header: () => t('technicians.enabled'),
        cell: (info) => (
          <Text size="sm" c={info.getValue() ? undefined : 'dimmed'}>
            {info.getValue() ? t('technicians.yes') : t('technicians.no')}
          </Text>
        ),
      }),
    ],
    [t],
  );
  const table = useReactTable({
    data: page.data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  if (page.isError && !page.data) {
    return <ErrorState error={page.error} onRetry={() => void page.refetch()} />;
  }
  const empty = page.data && page.data.items.length === 0 && cursors.length === 1;
  return (
    <>
      {empty ? (
        <Text c="dimmed" size="sm">
          {t('technicians.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped aria-label={t('technicians.tableLabel', { name: groupName })}>
            <TableHead table={table} />
            <Table.Tbody aria-busy={page.isFetching || undefined}>
              {page.isPending ? (
                <Table.Tr>
                  <Table.Td colSpan={3}>{t('technicians.loading')}</Table.Td>
                </Table.Tr>
              ) : (
                <TableRows table={table} />
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {(cursors.length > 1 || page.data?.nextCursor) && (
        <Group justify="space-between" mt="xs">
          <Button
            variant="default"
            size="xs"
            disabled={cursors.length === 1}
            onClick={() => setCursors((list) => list.slice(0, -1))}
          >
            {t('technicians.previous')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('technicians.page', { page: cursors.length })}
          </Text>
          <Button
            variant="default"
            size="xs"
            disabled={!page.data?.nextCursor || page.isPlaceholderData}
            onClick={() => {
              const next = page.data?.nextCursor;
              if (next) setCursors((list) => [...list, next]);
            }}
          >
            {t('technicians.next')}
          </Button>
        </Group>
      )}
    </>
  );
}
