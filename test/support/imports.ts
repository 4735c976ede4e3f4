import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { IMPORT_COLUMNS } from '@app/contracts';
import type { ApiResponse } from './api-client';
import { csvLine } from './import-files';
import { REDIS_URL } from './infra';
import type { Stack } from './stack';
import { waitFor } from './wait-for';

export type ImportRowCells = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

/** A CSV import file: the canonical header and the given rows, every cell quoted. */
export function csvImportFile(
  rows: ImportRowCells[],
  options: { delimiter?: string; bom?: boolean; crlf?: boolean } = {},
): string {
  const { delimiter, bom } = options;
  const eol = options.crlf ? '\r\n' : '\n';
  const header = csvLine(IMPORT_COLUMNS, { delimiter });
  const lines = rows.map((row) =>
    csvLine(
      IMPORT_COLUMNS.map((column) => row[column] ?? ''),
      { delimiter, quote: 'always' },
    ),
  );
  return (bom ? '\ufeff' : '') + [header, ...lines].join(eol) + eol;
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

export interface ImportFields {
  groupId?: string;
  dryRun?: boolean;
  fileName?: string;
  idempotencyKey?: string;
}

/**
 * POST /imports as multipart/form-data, the way a browser or curl -F sends it: the file (none
 * when undefined), the fields given, and the caller's token (none when undefined). The body
 * is parsed when the answer is JSON.
 */
export async function sendImport(
  stack: Stack,
  token: string | undefined,
  content: string | Buffer | undefined,
  fields: ImportFields = {},
): Promise<ApiResponse> {
  const form = new FormData();
  if (content !== undefined) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    form.append('file', new Blob([new Uint8Array(bytes)]), fields.fileName ?? 'technicians.csv');
  }
  if (fields.groupId !== undefined) form.append('groupId', fields.groupId);
  if (fields.dryRun) form.append('dryRun', 'true');
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (fields.idempotencyKey !== undefined) headers['idempotency-key'] = fields.idempotencyKey;
  const response = await fetch(`${stack.api.baseUrl}/api/v1/imports`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '') && text !== '';
  return {
    status: response.status,
    headers: response.headers,
    body: json ? JSON.parse(text) : text,
    text,
  };
}

/** POST /imports with the caller's token. */
export function uploadImport(
  stack: Stack,
  token: string,
  content: string | Buffer,
  fields: ImportFields = {},
): Promise<ApiResponse> {
  return sendImport(stack, token, content, fields);
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

/**
 * The import service's BullMQ queue of row batches, seen from the test (its name and prefix
 * as `services/import/src/jobs/queues.ts` has them): `hold()` lets no further batch start and
 * resolves once none is running, so that a test acts between two batches of an import
 * deterministically; `release()` lets them go on.
 */
export class ImportRowsHold {
  private constructor(
    private readonly redis: Redis,
    private readonly queue: Queue,
  ) {}

  static open(stack: Stack): ImportRowsHold {
    return ImportRowsHold.ofPrefix(stack.env.prefix);
  }

  /** The queue of the stack whose QUEUE_PREFIX this is (the browser suite knows only that). */
  static ofPrefix(queuePrefix: string): ImportRowsHold {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    return new ImportRowsHold(
      redis,
      new Queue('import-rows', { prefix: `${queuePrefix}:bull`, connection: redis }),
    );
  }

  async hold(): Promise<void> {
    await this.queue.pause();
    await waitFor(async () => (await this.queue.getActiveCount()) === 0, {
      timeoutMs: 60_000,
      what: 'the running import batches to finish',
    });
  }

  release(): Promise<void> {
    return this.queue.resume();
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}
