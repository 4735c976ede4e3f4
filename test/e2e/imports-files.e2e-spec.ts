import iconv from 'iconv-lite';
import { randomBytes, randomUUID } from 'node:crypto';
import { queryDatabase } from '../support/databases';
import { createGroup, uniqueEmail } from '../support/fixtures';
import {
  type Cell,
  cellsOf,
  csvFile,
  FINAL_STATUSES,
  filePassword,
  type FileRow,
  fileRow,
  HEADERS,
} from '../support/import-files';
import { type ImportFields, sendImport } from '../support/imports';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { expectProblem } from '../support/problems';

/**
 * Import files through the gateway (spec sections 3 and 4): the formats a file may come in,
 * what makes a whole file unusable, a global group, Idempotency-Key, the templates and the
 * list of imports. Row-level outcomes, dry runs, cancel, the report and access are in
 * imports-rows.e2e-spec.ts.
 */

const ONE_MIB = 1024 * 1024;

interface Group {
  id: string;
  permissions: string[];
}

function jsonFile(rows: FileRow[]): string {
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(HEADERS.map((header, i) => [header, cellsOf(row)[i]]))),
    null,
    2,
  );
}

/** What a boolean cell means, by the words of spec section 4. */
function meaning(value: Cell): boolean {
  if (typeof value === 'boolean') return value;
  const word = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'y', 'enabled'].includes(word)) return true;
  if (['false', 'no', '0', 'n', 'disabled'].includes(word)) return false;
  throw new Error(`the test wrote a cell that is no boolean word: ${value}`);
}

describe('Imports: files (as the bootstrap Master Administrator)', () => {
  let stack: Stack;
  let token: string;
  let groupA: Group;
  let groupB: Group;

  beforeAll(async () => {
    // An hour's keys (a day by default), so that a key can be seen to expire.
    stack = await Stack.start('imports-files', { IDEMPOTENCY_KEY_RETENTION_SECONDS: '3600' });
    token = await stack.adminToken();
    groupA = await createGroup(stack.api, token, {
      name: 'Import A',
      permissions: ['RemoteControl', 'Chat', 'SendFile'],
    });
    groupB = await createGroup(stack.api, token, {
      name: 'Import B',
      parentId: groupA.id,
      permissions: ['RemoteView'],
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** POST /imports as the Master Administrator (test/support/imports.ts). */
  const upload = (file: string | Buffer | undefined, fields: ImportFields = {}) =>
    sendImport(stack, token, file, fields);

  /** Uploads a file expecting 202 and a Location naming the import; returns the import. */
  async function accepted(
    file: string | Buffer,
    options: Parameters<typeof upload>[1] = {},
  ): Promise<any> {
    const response = await upload(file, options);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 202 });
    expect(response.headers.get('location')).toBe(`/api/v1/imports/${response.body.id}`);
    return response.body;
  }

  /** Polls GET /imports/:id until the import has ended. */
  async function finished(importId: string): Promise<any> {
    return waitFor(
      async () => {
        const response = await stack.api.get(`/api/v1/imports/${importId}`, token);
        return FINAL_STATUSES.includes(response.body.status) && response.body;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `import ${importId} to end` },
    );
  }

  async function importAndWait(
    file: string | Buffer,
    options: Parameters<typeof upload>[1] = {},
  ): Promise<{ view: any; items: any[] }> {
    const { id } = await accepted(file, options);
    const view = await finished(id);
    return { view, items: await items(id) };
  }

  /** Every item of an import, page after page. */
  async function items(importId: string): Promise<any[]> {
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await stack.api.get(
        `/api/v1/imports/${importId}/items?limit=200${query}`,
        token,
      );
      expect(response.status).toBe(200);
      all.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return all;
  }

  async function importIds(): Promise<string[]> {
    const response = await stack.api.get('/api/v1/imports?limit=200', token);
    expect(response.status).toBe(200);
    return response.body.items.map((view: { id: string }) => view.id);
  }

  /**
   * The technician a row made: its fields and its group's permissions, then a sign-in with
   * the file's password (which must be changed first: forceChangeOnAdminSet). A disabled
   * technician is refused with ACCOUNT_DISABLED (not INVALID_CREDENTIALS), then enabled.
   */
  async function expectTechnicianOf(row: FileRow, technicianId: string, group: Group) {
    const technician = await stack.api.get(`/api/v1/technicians/${technicianId}`, token);
    expect(technician.status).toBe(200);
    expect(technician.body).toMatchObject({
      id: technicianId,
      groupId: group.id,
      name: row.name.trim(),
      nickname: row.nickname.trim() || row.name.trim(),
      email: row.email,
      ssoId: row.ssoId.trim() || null,
      description: row.description,
      enabled: meaning(row.enabled),
      standardLicense: meaning(row.standardLicense),
      mobileLicense: meaning(row.mobileLicense),
    });
    expect([...technician.body.permissions].sort()).toEqual([...group.permissions].sort());

    const credentials = { email: row.email, password: row.password };
    if (!meaning(row.enabled)) {
      expectProblem(
        await stack.api.post('/api/v1/auth/login', credentials),
        403,
        'ACCOUNT_DISABLED',
      );
      const enable = await stack.api.request('PATCH', `/api/v1/technicians/${technicianId}`, {
        body: { enabled: true },
        token,
      });
      expect(enable.status).toBe(200);
    }
    const login = await stack.api.post('/api/v1/auth/login', credentials);
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ role: 'technician', mustChangePassword: true });
    const me = await stack.api.get('/api/v1/me', login.body.accessToken);
    expect(me.body).toMatchObject({
      id: technicianId,
      role: 'technician',
      mustChangePassword: true,
    });
  }

  /** Asserts a clean import: completed, every row succeeded, each row's technician as the file says. */
  async function expectImportedCleanly(
    result: { view: any; items: any[] },
    rows: FileRow[],
    groupOf: (row: FileRow) => Group,
  ) {
    expect(result.view).toMatchObject({
      status: 'completed',
      dryRun: false,
      total: rows.length,
      processed: rows.length,
      succeeded: rows.length,
      failed: 0,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(result.items.map((item) => item.row)).toEqual(rows.map((_, i) => i + 1));
    for (const [i, row] of rows.entries()) {
      const item = result.items[i];
      expect(item).toMatchObject({
        status: 'succeeded',
        email: row.email,
        technicianId: expect.any(String),
        errors: [],
      });
      await expectTechnicianOf(row, item.technicianId, groupOf(row));
    }
  }

  describe('file formats', () => {
    const commaRows = () => [
      fileRow({ enabled: 'yes', standardLicense: 'no', mobileLicense: 'Y' }),
      fileRow({
        name: '  Spaced Name  ',
        nickname: 'Spacey',
        enabled: 'TRUE',
        standardLicense: '0',
        mobileLicense: 'n',
      }),
      fileRow({
        ssoId: `sso-${randomUUID()}`,
        enabled: 'Enabled',
        standardLicense: 'N',
        mobileLicense: '1',
      }),
      fileRow({
        description: 'Night shift',
        enabled: 'disabled',
        standardLicense: 'y',
        mobileLicense: 'YES',
      }),
    ];
    const semicolonRows = () => [
      fileRow({ enabled: 'true', standardLicense: 'false', mobileLicense: 'yes' }),
      fileRow({ nickname: 'Semi', enabled: 'YES', standardLicense: 'No', mobileLicense: 'y' }),
      fileRow({ enabled: '1', standardLicense: '0', mobileLicense: 'FALSE' }),
      fileRow({ enabled: 'DISABLED', standardLicense: 'N', mobileLicense: 'True' }),
    ];
    const tabRows = () => [
      fileRow({ enabled: 'y', standardLicense: 'n', mobileLicense: 'no' }),
      fileRow({
        nickname: 'Tabby',
        enabled: 'Yes',
        standardLicense: 'TRUE',
        mobileLicense: 'false',
      }),
      fileRow({ enabled: 'eNaBlEd', standardLicense: '1', mobileLicense: '0' }),
      fileRow({ enabled: 'No', standardLicense: 'yes', mobileLicense: 'Y' }),
    ];
    const jsonRows = () => [
      fileRow({ enabled: true, standardLicense: false, mobileLicense: true }),
      fileRow({ nickname: 'Jason', enabled: 'yes', standardLicense: 'No', mobileLicense: 'Y' }),
      fileRow({ enabled: false, standardLicense: 'TRUE', mobileLicense: '0' }),
      fileRow({ enabled: 'Enabled', standardLicense: true, mobileLicense: false }),
    ];
    const inGroups = (rows: FileRow[]) =>
      rows.map((row, i) => ({ ...row, groupId: (i % 2 === 0 ? groupA : groupB).id }));
    const groupOf = (row: FileRow) => (row.groupId === groupA.id ? groupA : groupB);

    const files = {} as Record<
      'comma' | 'semicolon' | 'tab' | 'json',
      { rows: FileRow[]; result: { view: any; items: any[] } }
    >;

    beforeAll(async () => {
      const comma = inGroups(commaRows());
      const semicolon = inGroups(semicolonRows());
      const tab = inGroups(tabRows());
      const json = inGroups(jsonRows());
      // Blank lines are ignored; the tab file's headers differ in case and surrounding spaces.
      const commaText = csvFile(comma).replace('\n', '\n\n') + '\n\n';
      const tabHeaders = HEADERS.map((header, i) =>
        i % 2 ? ` ${header.toUpperCase()} ` : header.toLowerCase(),
      );
      const [commaResult, semicolonResult, tabResult, jsonResult] = await Promise.all([
        importAndWait(commaText, { fileName: 'comma.csv' }),
        importAndWait(csvFile(semicolon, { delimiter: ';', eol: '\r\n', bom: true }), {
          fileName: 'semicolon.csv',
        }),
        importAndWait(csvFile(tab, { delimiter: '\t', headers: tabHeaders }), {
          fileName: 'tab.txt',
        }),
        importAndWait(jsonFile(json), { fileName: 'technicians.json' }),
      ]);
      files.comma = { rows: comma, result: commaResult };
      files.semicolon = { rows: semicolon, result: semicolonResult };
      files.tab = { rows: tab, result: tabResult };
      files.json = { rows: json, result: jsonResult };
    });

    it('imports a comma-separated file (with blank lines) cleanly', async () => {
      expect(files.comma.result.view).toMatchObject({
        format: 'csv',
        fileName: 'comma.csv',
        groupId: null,
      });
      // A blank line follows the header: the records start on lines 3 to 6.
      expect(files.comma.result.items.map((item) => item.line)).toEqual([3, 4, 5, 6]);
      await expectImportedCleanly(files.comma.result, files.comma.rows, groupOf);
    });

    it('imports a semicolon-separated file with a UTF-8 byte-order mark and CRLF line ends cleanly', async () => {
      expect(files.semicolon.result.view).toMatchObject({
        format: 'csv',
        fileName: 'semicolon.csv',
      });
      expect(files.semicolon.result.items.map((item) => item.line)).toEqual([2, 3, 4, 5]);
      await expectImportedCleanly(files.semicolon.result, files.semicolon.rows, groupOf);
    });

    it('imports a tab-separated file whose headers differ only in case and spaces cleanly', async () => {
      expect(files.tab.result.view).toMatchObject({ format: 'csv', fileName: 'tab.txt' });
      await expectImportedCleanly(files.tab.result, files.tab.rows, groupOf);
    });

    it('imports a JSON file with booleans as JSON booleans and as words cleanly', async () => {
      expect(files.json.result.view).toMatchObject({
        format: 'json',
        fileName: 'technicians.json',
      });
      expect(files.json.result.items.map((item) => item.line)).toEqual([null, null, null, null]);
      await expectImportedCleanly(files.json.result, files.json.rows, groupOf);
    });
  });

  describe('quoted CSV fields', () => {
    it('keeps delimiters, doubled quotes and LF or CRLF line breaks inside quotes intact', async () => {
      const first = fileRow({
        name: 'Doe, Jane "JD"',
        nickname: 'J; D',
        description: 'first line\nsecond, "quoted" line',
        groupId: groupA.id,
      });
      const second = fileRow({
        name: 'Smith; John',
        description: 'windows line\r\nnext line; with "quotes"',
        groupId: groupB.id,
      });
      const third = fileRow({ name: 'After The Breaks', groupId: groupA.id });
      const commaText = csvFile([first, second, third]);
      expect(commaText).toContain('"Doe, Jane ""JD"""');

      const semi = fileRow({
        name: 'Lee; Ann, "Annie"',
        description: 'a;b\r\nc',
        groupId: groupB.id,
      });
      const [comma, semicolon] = await Promise.all([
        importAndWait(commaText),
        importAndWait(csvFile([semi], { delimiter: ';', eol: '\r\n' })),
      ]);

      // The header is line 1; a record starts after the lines of the one before it.
      expect(comma.items.map((item) => item.line)).toEqual([2, 4, 6]);
      expect(comma.items[0].name).toBe('Doe, Jane "JD"');
      await expectImportedCleanly(comma, [first, second, third], (row) =>
        row === second ? groupB : groupA,
      );
      await expectImportedCleanly(semicolon, [semi], () => groupB);
    });
  });

  describe('files as spreadsheets save them: the encoding (issue 12)', () => {
    it.each([
      [
        'Windows-1252 with semicolons and CRLF (Excel "CSV (Comma delimited)" in Europe)',
        'windows-1252',
        (rows: FileRow[]) =>
          iconv.encode(csvFile(rows, { delimiter: ';', eol: '\r\n' }), 'windows-1252'),
      ],
      [
        'UTF-16LE with a byte-order mark and tabs (Excel "Unicode Text")',
        'utf-16le',
        (rows: FileRow[]) =>
          Buffer.from('\ufeff' + csvFile(rows, { delimiter: '\t', eol: '\r\n' }), 'utf16le'),
      ],
      [
        'UTF-16BE with a byte-order mark',
        'utf-16be',
        (rows: FileRow[]) => Buffer.from('\ufeff' + csvFile(rows), 'utf16le').swap16(),
      ],
      [
        'UTF-8 with a byte-order mark (Excel "CSV UTF-8")',
        'utf-8',
        (rows: FileRow[]) => Buffer.from(csvFile(rows, { bom: true }), 'utf8'),
      ],
    ])('imports %s with its accents intact, and says which it read', async (_, encoding, file) => {
      const rows = [
        fileRow({ name: 'José Müller', description: 'Straße – “Team” €', groupId: groupA.id }),
        fileRow({ name: 'Zoë Ørsted', nickname: 'Zoë', groupId: groupA.id }),
      ];
      const result = await importAndWait(file(rows));
      expect(result.view.encoding).toBe(encoding);
      await expectImportedCleanly(result, rows, () => groupA);
    });
  });

  describe('file-level errors: the whole file is refused and nothing is stored', () => {
    let before: string[];
    const good = () => csvFile([fileRow({ groupId: groupA.id })]);
    const header = HEADERS.join(',');

    beforeEach(async () => {
      before = await importIds();
    });

    afterEach(async () => {
      expect(await importIds()).toEqual(before);
    });

    it('answers 400 FILE_REQUIRED without a file', async () => {
      expectProblem(await upload(undefined, { groupId: groupA.id }), 400, 'FILE_REQUIRED');
    });

    it('answers 400 FILE_EMPTY for an empty file', async () => {
      expectProblem(await upload(''), 400, 'FILE_EMPTY');
    });

    it('answers 400 MALFORMED_FILE with the line where a quoted field that is never closed opens', async () => {
      const unclosed = `"Unclosed,,${uniqueEmail()},,,${filePassword()},yes,yes,no,${groupA.id}`;
      const more = cellsOf(fileRow({ groupId: groupA.id })).join(',');
      const response = await upload(`${good()}${unclosed}\n${more}\n${more}\n`);
      expectProblem(response, 400, 'MALFORMED_FILE');
      expect(response.body.line).toBe(3);
    });

    it('answers 400 MALFORMED_FILE with the line of a record of 9 fields', async () => {
      const short = cellsOf(fileRow({ groupId: groupA.id }))
        .slice(0, 9)
        .join(',');
      const text = `${good()}${short}\n${cellsOf(fileRow({ groupId: groupA.id })).join(',')}\n`;
      const response = await upload(text);
      expectProblem(response, 400, 'MALFORMED_FILE');
      expect(response.body.line).toBe(3);
    });

    it('answers 400 MALFORMED_FILE with the line for JSON that does not parse', async () => {
      const response = await upload('[\n  {"Name": "A",\n  oops\n]\n', { fileName: 'bad.json' });
      expectProblem(response, 400, 'MALFORMED_FILE');
      expect(response.body.line).toBe(3);
    });

    it('answers 400 HEADER_MISMATCH with the expected and found headers and the first position that differs', async () => {
      const found = HEADERS.map((h) => (h === 'Email' ? 'E-mail' : h));
      const response = await upload(csvFile([fileRow({ groupId: groupA.id })], { headers: found }));
      expectProblem(response, 400, 'HEADER_MISMATCH');
      expect(response.body).toMatchObject({ expected: HEADERS, found, position: 3 });
    });

    it('answers 400 HEADER_MISMATCH when a column is missing, even an optional one', async () => {
      const found = HEADERS.filter((h) => h !== 'Nickname');
      const response = await upload(`${found.join(',')}\n`);
      expectProblem(response, 400, 'HEADER_MISMATCH');
      expect(response.body).toMatchObject({ expected: HEADERS, found, position: 2 });
    });

    it('answers 400 HEADER_MISMATCH for JSON objects whose keys are not the ten headers in order', async () => {
      const [row] = JSON.parse(jsonFile([fileRow({ groupId: groupA.id })]));
      const { Email, ...rest } = row;
      const found = ['Email', ...Object.keys(rest)];
      const response = await upload(JSON.stringify([{ Email, ...rest }]), {
        fileName: 'keys.json',
      });
      expectProblem(response, 400, 'HEADER_MISMATCH');
      expect(response.body).toMatchObject({ expected: HEADERS, found, position: 1 });
    });

    it('answers 400 TOO_MANY_ROWS with limit 500 and the count for 501 rows', async () => {
      const rows = Array.from({ length: 501 }, () => fileRow({ groupId: groupA.id }));
      const response = await upload(csvFile(rows));
      expectProblem(response, 400, 'TOO_MANY_ROWS');
      expect(response.body).toMatchObject({ limit: 500, count: 501 });
    });

    it.each([
      ['a CSV header and blank lines', `${header}\r\n\r\n\n`],
      ['an empty JSON array', '[]'],
    ])('answers 400 NO_ROWS for %s', async (_, text) => {
      expectProblem(await upload(text), 400, 'NO_ROWS');
    });

    it('accepts a file of exactly 1 MiB (it is read: here NO_ROWS) and answers 413 FILE_TOO_LARGE one byte over', async () => {
      const exactly = `${header}\n`.padEnd(ONE_MIB, '\n');
      expect(Buffer.byteLength(exactly)).toBe(ONE_MIB);
      expectProblem(await upload(exactly), 400, 'NO_ROWS');

      const response = await upload(`${exactly}\n`);
      expectProblem(response, 413, 'FILE_TOO_LARGE');
    });

    it.each([
      [
        'an Excel workbook (ZIP bytes)',
        () =>
          Buffer.concat([
            Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
            randomBytes(200),
          ]),
        'technicians.xlsx',
      ],
      [
        'UTF-16 text without a byte-order mark',
        () => Buffer.from(good(), 'utf16le'),
        'technicians.csv',
      ],
    ])('answers 415 UNSUPPORTED_FORMAT for %s', async (_, bytes, fileName) => {
      expectProblem(await upload(bytes(), { fileName }), 415, 'UNSUPPORTED_FORMAT');
    });
  });

  describe('a global groupId', () => {
    it('puts every row in that group, whatever its Tech Group ID says (blank, another group, no group)', async () => {
      const rows = [
        fileRow({ groupId: '' }),
        fileRow({ groupId: groupB.id }),
        fileRow({ groupId: randomUUID() }),
        fileRow({ groupId: 'not-a-group' }),
      ];
      const result = await importAndWait(csvFile(rows), { groupId: groupA.id });

      expect(result.view.groupId).toBe(groupA.id);
      await expectImportedCleanly(result, rows, () => groupA);
    });

    it('answers an unknown global groupId with 404 GROUP_NOT_FOUND at upload, storing nothing', async () => {
      const before = await importIds();
      const response = await upload(csvFile([fileRow({ groupId: groupA.id })]), {
        groupId: randomUUID(),
      });

      expectProblem(response, 404, 'GROUP_NOT_FOUND');
      expect(await importIds()).toEqual(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeat with the same file with the first import, and another file with 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const key = `import-${randomUUID()}`;
      const rows = [fileRow({ groupId: groupA.id }), fileRow({ groupId: groupB.id })];
      const file = csvFile(rows);
      const before = await importIds();

      const first = await accepted(file, { idempotencyKey: key });
      const repeat = await upload(file, { idempotencyKey: key });
      expect(repeat.status).toBe(202);
      expect(repeat.body.id).toBe(first.id);
      expect(repeat.headers.get('location')).toBe(`/api/v1/imports/${first.id}`);

      const other = await upload(csvFile([fileRow({ groupId: groupA.id })]), {
        idempotencyKey: key,
      });
      expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');

      expect(await importIds()).toEqual([first.id, ...before]);
      const view = await finished(first.id);
      expect(view).toMatchObject({ status: 'completed', total: 2, succeeded: 2 });
      const again = await upload(file, { idempotencyKey: key });
      expect(again.body).toMatchObject({ id: first.id, status: 'completed', succeeded: 2 });
      const found = await stack.api.get(
        `/api/v1/technicians?q=${encodeURIComponent(rows[0].email)}`,
        token,
      );
      expect(found.body.items).toHaveLength(1);
    });

    it('frees a key after IDEMPOTENCY_KEY_RETENTION_SECONDS: the same upload then makes a new import', async () => {
      const key = `import-${randomUUID()}`;
      const file = csvFile([fileRow({ groupId: groupA.id })]);
      const first = await accepted(file, { idempotencyKey: key, dryRun: true });
      await finished(first.id);
      await queryDatabase(
        stack.env.databases.import,
        `UPDATE imports SET created_at = created_at - interval '2 hours' WHERE id = $1`,
        [first.id],
      );

      const later = await accepted(file, { idempotencyKey: key, dryRun: true });

      expect(later.id).not.toBe(first.id);
    });

    it('refuses a real upload under the key of a dry run of the same file with 422 IDEMPOTENCY_KEY_REUSED, and under the key of another groupId', async () => {
      const key = `import-${randomUUID()}`;
      const rows = [fileRow({ groupId: groupA.id })];
      const file = csvFile(rows);
      const dryRun = await accepted(file, { idempotencyKey: key, dryRun: true });
      expect(dryRun.dryRun).toBe(true);

      // The same file for real, under the dry run's key: not the dry run's answer.
      const real = await upload(file, { idempotencyKey: key });
      expectProblem(real, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(real.body.errors).toEqual([
        expect.objectContaining({ field: 'Idempotency-Key', code: 'IDEMPOTENCY_KEY_REUSED' }),
      ]);
      const elsewhere = await upload(file, {
        idempotencyKey: key,
        dryRun: true,
        groupId: groupB.id,
      });
      expectProblem(elsewhere, 422, 'IDEMPOTENCY_KEY_REUSED');
      // The dry run itself repeats as before.
      const repeat = await upload(file, { idempotencyKey: key, dryRun: true });
      expect(repeat.status).toBe(202);
      expect(repeat.body.id).toBe(dryRun.id);
      const found = await stack.api.get(
        `/api/v1/technicians?q=${encodeURIComponent(rows[0].email)}`,
        token,
      );
      expect(found.body.items).toEqual([]);
    });
    it('answers a repeat after its group was deleted with the first import (not 404 GROUP_NOT_FOUND)', async () => {
      const key = `import-${randomUUID()}`;
      const doomed = await createGroup(stack.api, token);
      const file = csvFile([fileRow({ groupId: '' })]);
      // A dry run creates nothing, so the group can be deleted afterwards.
      const first = await accepted(file, { idempotencyKey: key, dryRun: true, groupId: doomed.id });
      await finished(first.id);
      expect(
        (await stack.api.request('DELETE', `/api/v1/groups/${doomed.id}`, { token })).status,
      ).toBe(204);

      const repeat = await upload(file, { idempotencyKey: key, dryRun: true, groupId: doomed.id });
      expect({ status: repeat.status, id: repeat.body.id }).toEqual({ status: 202, id: first.id });
    });
  });

  describe('templates', () => {
    /** The template's bytes as served (a BOM included), to upload them as they are. */
    async function template(path: string): Promise<{ response: Response; bytes: Buffer }> {
      const response = await fetch(`${stack.api.baseUrl}/api/v1/imports/${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { response, bytes: Buffer.from(await response.arrayBuffer()) };
    }
    const asText = (bytes: Buffer) => bytes.toString('utf8').replace(/^\ufeff/, '');

    it.each([
      ['comma', 'template.csv?delimiter=comma', ','],
      ['semicolon', 'template.csv?delimiter=semicolon', ';'],
      ['tab', 'template.csv?delimiter=tab', '\t'],
      ['comma (the default)', 'template.csv', ','],
    ])(
      'serves a %s CSV template whose two example rows import cleanly as they are',
      async (_, path, delimiter) => {
        const { response, bytes } = await template(path);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
        const lines = asText(bytes)
          .split(/\r\n|\n/)
          .filter((line) => line !== '');
        expect(lines[0]).toBe(HEADERS.join(delimiter));
        expect(lines).toHaveLength(3);

        const { view, items: rows } = await importAndWait(bytes, { fileName: 'template.csv' });
        expect(view).toMatchObject({ status: 'completed', total: 2, succeeded: 2, failed: 0 });
        expect(rows.map((item) => item.status)).toEqual(['succeeded', 'succeeded']);
      },
    );

    it('serves a JSON template whose two example rows import cleanly as they are', async () => {
      const { response, bytes } = await template('template.json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const rows = JSON.parse(asText(bytes));
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(Object.keys(row)).toEqual(HEADERS);

      const { view } = await importAndWait(bytes, { fileName: 'template.json' });
      expect(view).toMatchObject({
        status: 'completed',
        format: 'json',
        total: 2,
        succeeded: 2,
        failed: 0,
      });
    });
  });

  describe('GET /imports', () => {
    it('lists the imports newest first, page after page', async () => {
      const uploaded: string[] = [];
      for (let i = 0; i < 3; i++) {
        uploaded.push(
          (await accepted(csvFile([fileRow({ groupId: groupA.id })]), { dryRun: true })).id,
        );
      }

      const all = await stack.api.get('/api/v1/imports?limit=200', token);
      expect(all.status).toBe(200);
      const created = all.body.items.map((view: { createdAt: string }) =>
        Date.parse(view.createdAt),
      );
      expect(created).toEqual([...created].sort((a, b) => b - a));

      const first = await stack.api.get('/api/v1/imports?limit=2', token);
      expect(first.body.items.map((view: { id: string }) => view.id)).toEqual([
        uploaded[2],
        uploaded[1],
      ]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await stack.api.get(
        `/api/v1/imports?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
        token,
      );
      expect(second.body.items[0].id).toBe(uploaded[0]);
      expect(all.body.items.slice(0, 4).map((view: { id: string }) => view.id)).toEqual([
        ...first.body.items.map((view: { id: string }) => view.id),
        ...second.body.items.map((view: { id: string }) => view.id),
      ]);
    });
  });
});
