import type { ImportItemView, ImportView } from '@app/contracts';
import type { ImportRow } from '../database/import-row.entity';
import type { Import } from '../database/import.entity';

export function toImportView(record: Import): ImportView {
  return {
    id: record.id,
    status: record.status,
    dryRun: record.dryRun,
    groupId: record.groupId,
    fileName: record.fileName,
    format: record.format,
    encoding: record.encoding,
    total: record.total,
    processed: record.processed,
    succeeded: record.succeeded,
    failed: record.failed,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}

export function toItemView(row: ImportRow): ImportItemView {
  return {
    row: row.row,
    line: row.line,
    name: row.cells.Name ?? '',
    email: row.cells.Email ?? '',
    status: row.status === 'processing' ? 'pending' : row.status,
    technicianId: row.technicianId,
    errors: row.errors,
  };
}
