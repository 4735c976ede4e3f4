import { randomUUID } from 'node:crypto';
import { uniqueEmail } from '../test/support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../test/support/imports';
import type { Stack } from '../test/support/stack';

export interface ImportRun {
  importId: string;
  ms: number;
  succeeded: number;
  failed: number;
}

/** A CSV file of `rows` valid technicians, each with a password of its own. */
export function importFile(groupId: string, rows: number, label: string): string {
  return csvImportFile(
    Array.from({ length: rows }, () =>
      technicianRow(groupId, {
        email: uniqueEmail(label),
        password: `Bench-${randomUUID().slice(0, 8)}-7q`,
      }),
    ),
  );
}

/** Uploads a file and waits until the import has finished: upload to `completed`. */
export async function runImport(
  stack: Stack,
  token: string,
  file: string,
  onUploaded?: () => void,
): Promise<ImportRun> {
  const startedAt = performance.now();
  const upload = await uploadImport(stack, token, file);
  if (upload.status !== 202) throw new Error(`upload answered ${upload.status}`);
  onUploaded?.();
  const view = await waitForImport(stack, token, upload.body.id, 15 * 60_000, 100);
  return {
    importId: upload.body.id,
    ms: performance.now() - startedAt,
    succeeded: view.succeeded,
    failed: view.failed,
  };
}
