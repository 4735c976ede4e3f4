import { Button, Group, Table } from '@mantine/core';
import { flexRender, type Table as TanStackTable } from '@tanstack/react-table';
import { ErrorState } from './ErrorState';

/** The header row(s) of a TanStack table, as Mantine table markup (column headers scoped). */
export function TableHead<T>({ table }: { table: TanStackTable<T> }) {
  return (
    <Table.Thead>
      {table.getHeaderGroups().map((headerGroup) => (
        <Table.Tr key={headerGroup.id}>
          {headerGroup.headers.map((header) => (
            <Table.Th key={header.id} scope="col">
              {flexRender(header.column.columnDef.header, header.getContext())}
            </Table.Th>
          ))}
        </Table.Tr>
      ))}
    </Table.Thead>
  );
}

/** The body rows of a TanStack table (inside a Table.Tbody the caller owns). */
export function TableRows<T>({ table }: { table: TanStackTable<T> }) {
  return table.getRowModel().rows.map((row) => (
    <Table.Tr key={row.id}>
      {row.getVisibleCells().map((cell) => (
        <Table.Td key={cell.id}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}

/** What a paged table needs of its list (a TanStack infinite query). */
interface PagedList {
  isError: boolean;
  error: unknown;
  isSuccess: boolean;
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => Promise<unknown>;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * A list read a page at a time, as a table: its rows, a line when it is empty or loading,
 * the failure with Try again, and a button for the next page while there is one.
 */
export function PagedTable<T>({
  table,
  list,
  label,
  minWidth,
  texts,
}: {
  table: TanStackTable<T>;
  list: PagedList;
  /** The table's accessible name. */
  label: string;
  minWidth: number;
  texts: { empty: string; loading: string; loadMore: string };
}) {
  const columns = table.getAllLeafColumns().length;
  return (
    <>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped highlightOnHover aria-label={label}>
            <TableHead table={table} />
            <Table.Tbody>
              <TableRows table={table} />
              {list.isSuccess && table.getRowModel().rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={columns}>{texts.empty}</Table.Td>
                </Table.Tr>
              )}
              {list.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={columns}>{texts.loading}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {texts.loadMore}
          </Button>
        </Group>
      )}
    </>
  );
}
