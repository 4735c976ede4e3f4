import { IMPORT_COLUMNS } from '@app/contracts';
import type { Stack } from './stack';
import { waitFor } from './wait-for';

export type ImportRowCells = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

/** A CSV import file: the canonical header and the given rows, every cell quoted. */
export function csvImportFile(
  rows: ImportRowCells[],
  options: { delimiter?: string; bom?: boolean; crlf?: boolean } = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const eol = options.crlf ? '\r\n' : '\n';
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const lines = [
    IMPORT_COLUMNS.join(delimiter),
    ...rows.map((row) => IMPORT_COLUMNS.map((column) => quote(row[column] ?? '')).join(delimiter)),
  ];
  return (options.bom ? '\ufeff' : '') + lines.join(eol) + eol;
}

/** A valid row for a group (fields can be overridden). */
export function technicianRow(
  groupId: string,
  overrides: ImportRowCells & { email: string; password: string },
): ImportRowCells {
  const { email, password, ...rest } = overrides;
  return {
    Name: `Imported ${email.split('@')[0]}`,
    Email: email,
    Password: password,
    Enabled: 'yes',
    'Standard License': 'yes',
    'Mobile License': 'no',
    'Tech Group ID': groupId,
    ...rest,
  };
}

export async function uploadImport(
  stack: Stack,
  token: string,
  content: string | Buffer,
  fields: { groupId?: string; dryRun?: boolean; fileName?: string; idempotencyKey?: string } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof content === 'string' ? content : new Uint8Array(content)]),
    fields.fileName ?? 'technicians.csv',
  );
  if (fields.groupId) form.append('groupId', fields.groupId);
  if (fields.dryRun) form.append('dryRun', 'true');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (fields.idempotencyKey) headers['idempotency-key'] = fields.idempotencyKey;
  const response = await fetch(`${stack.api.baseUrl}/api/v1/imports`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** Polls GET /imports/:id until it has finished; returns the last view. */
export async function waitForImport(
  stack: Stack,
  token: string,
  importId: string,
  timeoutMs = 120_000,
  intervalMs = 250,
): Promise<any> {
  return waitFor(
    async () => {
      const { body } = await stack.api.get(`/api/v1/imports/${importId}`, token);
      return body?.finishedAt ? body : undefined;
    },
    { timeoutMs, intervalMs, what: `import ${importId} to finish` },
  );
}
