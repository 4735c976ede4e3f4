import { IMPORT_COLUMNS } from '@app/contracts';
import { randomBytes } from 'node:crypto';
import type { ApiResponse } from './api-client';
import { queryDatabase } from './databases';
import { crashedServices, recordFigures } from './figures';
import { createGroup, uniqueEmail } from './fixtures';
import { hostileLabel, hostileStrings } from './hostile-strings';
import { csvText } from './import-files';
import { type ImportFields, sendImport } from './imports';
import { type Column, UploadOutcome } from './import-rules';
import { checkAccountInvariants, unfinishedAccounts } from './invariants';
import { Stack } from './stack';
import { waitFor } from './wait-for';

/**
 * The harness of hostile input through import files (hostile-import-rows.e2e-spec.ts and
 * hostile-import-files.e2e-spec.ts): the hostile strings, the files made of them, and a
 * session of the test file's own (a stack, its Master Administrator and a group to import
 * into) whose uploads and reads are counted for the figures.
 */

export const HOSTILE = hostileStrings(
  'lone\rcarriage return',
  '"quoted", with; delimiters\tand "quotes"',
  '=HYPERLINK("http://example.com")',
);
export const label = (index: number) => hostileLabel(HOSTILE[index], index);

export const API = '/api/v1';
/** Uploads (or reads) in flight at once. */
const LANES = 24;
export const DELIMITERS = [',', ';', '\t'] as const;

export type Cells = Record<Column, unknown>;

/** Runs `work` over the items, LANES at a time. */
export async function inLanes<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** RFC 4180: every cell quoted, quotes doubled; CRLF between records. */
export const csvFile = (rows: Cells[], delimiter: string): string =>
  csvText([IMPORT_COLUMNS, ...rows.map((row) => IMPORT_COLUMNS.map((c) => row[c]))], {
    delimiter,
    eol: '\r\n',
    quote: 'always',
  });

export const jsonFile = (rows: Cells[]) =>
  JSON.stringify(rows.map((row) => Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, row[c]]))));

export interface HostileImportSession {
  stack: Stack;
  token: string;
  home: { id: string };
  figures: {
    uploads: number;
    rows: number;
    requests: number;
    status5xx: number;
    networkErrors: number;
    byStatus: Record<string, number>;
  };
  /** Every import accepted (202), to check at the end that each has finished. */
  accepted: Set<string>;
  counted(status: number): void;
  request(method: string, url: string): Promise<ApiResponse>;
  /** POST /imports as the Master Administrator (test/support/imports.ts); counted. */
  upload(content: string | Buffer, fields?: ImportFields): Promise<ApiResponse>;
  /** Waits for an import to end; returns its last view. */
  finished(importId: string): Promise<any>;
  /** Every page of a list, `limit=200` at a time. */
  everyPage(url: string): Promise<any[]>;
  /** A valid row: the hostile value goes into some columns of it. */
  baseRow(): Cells;
}

/**
 * Declares the test file's beforeAll (the stack `stackLabel`, its Master Administrator's
 * token, the group `home`) and afterAll (the figures, as `suite`, then the stack stopped).
 * With `checkInAfterAll`, afterAll first checks what the "afterwards" tests check (for a
 * test file without them): every accepted import finished, and the stack healthy.
 */
export function hostileImportSession(
  stackLabel: string,
  suite: string,
  options: { checkInAfterAll?: boolean } = {},
): HostileImportSession {
  const session = {
    figures: {
      uploads: 0,
      rows: 0,
      requests: 0,
      status5xx: 0,
      networkErrors: 0,
      byStatus: {},
    },
    accepted: new Set<string>(),
  } as HostileImportSession;

  beforeAll(async () => {
    session.stack = await Stack.start(stackLabel);
    session.token = await session.stack.adminToken();
    session.home = await createGroup(session.stack.api, session.token, { name: 'Hostile imports' });
  });

  afterAll(async () => {
    try {
      if (options.checkInAfterAll && session.stack) {
        await expectEveryImportFinished(session);
        await expectHealthy(session);
      }
    } finally {
      await stopSession();
    }
  });

  async function stopSession(): Promise<void> {
    recordFigures({
      suite,
      inputs: HOSTILE.length,
      ...session.figures,
      crashes: crashedServices(session.stack),
    });
    await session.stack?.stop();
  }

  function counted(status: number): void {
    session.figures.requests += 1;
    session.figures.byStatus[status] = (session.figures.byStatus[status] ?? 0) + 1;
    if (status >= 500) session.figures.status5xx += 1;
  }

  async function request(method: string, url: string): Promise<ApiResponse> {
    const response = await session.stack.api.request(method, url, { token: session.token });
    counted(response.status);
    return response;
  }

  /** POST /imports as the Master Administrator (test/support/imports.ts); counted. */
  async function upload(content: string | Buffer, fields: ImportFields = {}): Promise<ApiResponse> {
    session.figures.uploads += 1;
    try {
      const result = await sendImport(session.stack, session.token, content, fields);
      counted(result.status);
      if (result.status === 202) session.accepted.add(result.body.id);
      return result;
    } catch (err) {
      session.figures.networkErrors += 1;
      return { status: 0, headers: new Headers(), body: undefined, text: (err as Error).message };
    }
  }

  /** Waits for an import to end; returns its last view. */
  async function finished(importId: string): Promise<any> {
    return waitFor(
      async () => {
        const response = await request('GET', `${API}/imports/${importId}`);
        return response.body?.finishedAt ? response.body : undefined;
      },
      { timeoutMs: 300_000, intervalMs: 250, what: `import ${importId} to finish` },
    );
  }

  /** Every page of a list, `limit=200` at a time. */
  async function everyPage(url: string): Promise<any[]> {
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await request('GET', `${url}?limit=200${query}`);
      expect(response.status).toBe(200);
      all.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return all;
  }

  /** A valid row: the hostile value goes into some columns of it. */
  function baseRow(): Cells {
    return {
      Name: 'Hostile Import',
      Nickname: '',
      Email: uniqueEmail('imported'),
      'Single Sign-On ID': '',
      Description: '',
      Password: `Imp-${randomBytes(3).toString('hex')}-Pace-7`,
      Enabled: 'yes',
      'Standard License': 'yes',
      'Mobile License': 'no',
      'Tech Group ID': session.home.id,
    };
  }

  return Object.assign(session, { counted, request, upload, finished, everyPage, baseRow });
}

/**
 * How an upload's answer differs from the expected one (202, or a problem+json with this
 * status and code, naming these fields when given), if it does.
 */
export function uploadMismatch(
  response: ApiResponse,
  expected: UploadOutcome & { fields?: Record<string, string> },
): string | undefined {
  const body = typeof response.body === 'object' && response.body ? response.body : {};
  const errors = ((body.errors ?? []) as { field: string; code: string }[]).map(
    (e) => `${e.field}:${e.code}`,
  );
  const got = `${response.status} ${body.code ?? ''} ${JSON.stringify(errors)}`;
  const wanted =
    expected.status === 202
      ? '202'
      : `${expected.status} ${(expected as { code: string }).code}${
          expected.fields ? ` ${JSON.stringify(expected.fields)}` : ''
        }`;
  const fault = `answered ${got} ${JSON.stringify(String(body.detail ?? response.text).slice(0, 100))}, expected ${wanted}`;
  if (response.status !== expected.status) return fault;
  if (expected.status === 202) return undefined;
  if (!(response.headers.get('content-type') ?? '').startsWith('application/problem+json'))
    return fault;
  if (body.code !== (expected as { code: string }).code) return fault;
  if (
    expected.fields &&
    JSON.stringify(errors) !==
      JSON.stringify(Object.entries(expected.fields).map(([field, code]) => `${field}:${code}`))
  )
    return fault;
  return undefined;
}

/** Expects no faults, showing the count and the first ones. */
export function expectNoFaults(faults: string[]): void {
  expect({ count: faults.length, first: faults.slice(0, 12) }).toEqual({ count: 0, first: [] });
}

/** Every accepted import finished, completed, with succeeded + failed = total. */
export async function expectEveryImportFinished(session: HostileImportSession): Promise<void> {
  const { stack, accepted, finished } = session;
  const faults: string[] = [];
  await inLanes([...accepted], async (id) => {
    const view = await finished(id);
    if (view.status !== 'completed') faults.push(`import ${id} ended ${view.status}`);
    if (view.succeeded + view.failed !== view.total || view.processed !== view.total)
      faults.push(`import ${id}: ${JSON.stringify(view)}`);
  });
  expectNoFaults(faults);
  const stored = await queryDatabase<{ n: string }>(
    stack.env.databases.import,
    'SELECT count(*) AS n FROM imports',
  );
  expect(Number(stored[0].n)).toBe(accepted.size);
}

/** The stack healthy, with every service process running and every account whole; no 5xx. */
export async function expectHealthy(session: HostileImportSession): Promise<void> {
  const { stack, figures } = session;
  expect((await stack.api.get(`${API}/health`)).status).toBe(200);
  for (const [name, service] of Object.entries(stack.services)) {
    expect({ name, running: service.running }).toEqual({ name, running: true });
  }
  await waitFor(async () => (await unfinishedAccounts(stack.env)).length === 0, {
    what: 'accounts being made to settle',
  });
  const report = await checkAccountInvariants(stack.env);
  expect(report.orphanCredentials).toEqual([]);
  expect(report.accountsWithoutCredential).toEqual([]);
  expect(report.duplicateEmails).toEqual([]);
  expect({ status5xx: figures.status5xx, networkErrors: figures.networkErrors }).toEqual({
    status5xx: 0,
    networkErrors: 0,
  });
}
