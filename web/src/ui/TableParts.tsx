import { Table } from '@mantine/core';
import { flexRender, type Table as TanStackTable } from '@tanstack/react-table';

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
