import type { ImportStatus } from '../imports/import';
import type { AuditedChange } from './audited-change';

/**
 * Events of an import's life, published by import (CloudEvents, see `cloud-event.ts`). The
 * target is the import, named by its file (`{type:'import', id, name:<file name>}`); no group
 * paths (imports are organization-wide). The rows' own changes are the technicians' events.
 */

/**
 * `import.started.v1`: an administrator uploaded a file and its rows are queued (channel
 * `rest`, principal the administrator). `total` counts every row, those the file alone
 * condemned included.
 */
export interface ImportStartedEvent extends AuditedChange {
  importId: string;
  fileName: string;
  format: 'csv' | 'json';
  total: number;
  dryRun: boolean;
  /** The group every row goes to when the file names none; null when the rows say. */
  groupId: string | null;
}

/**
 * `import.completed.v1` (its data), when every row of an import has ended: channel `import`,
 * origin `imports/<id>`, principal the administrator who uploaded it. `status` says how it
 * ended (`completed`, `failed`, or `cancelled` after an `import.cancelled.v1`).
 */
export interface ImportCompletedEvent extends AuditedChange {
  importId: string;
  status: ImportStatus;
  dryRun: boolean;
  total: number;
  succeeded: number;
  failed: number;
}

/**
 * `import.cancelled.v1`: an administrator cancelled an import (channel `rest`, principal the
 * administrator who cancelled): the rows that had not started end as CANCELLED, and
 * `import.completed.v1` follows with `status: cancelled` once the rows in progress end.
 */
export interface ImportCancelledEvent extends AuditedChange {
  importId: string;
}
