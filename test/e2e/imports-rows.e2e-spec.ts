import { randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { queryDatabase } from '../support/databases';
import {
  cellsOf,
  csvFile,
  csvLine,
  FINAL_STATUSES,
  type FileRow,
  fileRow,
  HEADERS,
} from '../support/import-files';
import { type ImportFields, ImportRowsHold, sendImport } from '../support/imports';
import { createOrganization } from '../support/organizations';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { expectProblem } from '../support/problems';

/**
 * Import rows through the gateway (spec sections 3 and 4): what becomes of each row and
 * where it is reported (row and line), dry runs, cancel, the report, paging of items, and
 * who may reach an import. File formats and file-level errors are in imports-files.e2e-spec.ts.
 */

describe('Imports: rows (as the bootstrap Master Administrator)', () => {
  let stack: Stack;
  let token: string;
  let groupA: { id: string; permissions: string[] };
  let groupB: { id: string; permissions: string[] };
  let existing: { id: string; email: string; ssoId: string };
  let otherOrg: { token: string; groupId: string };

  beforeAll(async () => {
    stack = await Stack.start('imports-rows');
    token = await stack.adminToken();
    groupA = await createGroup(stack.api, token, { permissions: ['RemoteControl', 'Chat'] });
    groupB = await createGroup(stack.api, token, { permissions: ['RemoteView'] });
    existing = await createTechnician(stack.api, token, groupA.id, {
      ssoId: `sso-${randomUUID()}`,
    });

    const adminEmail = uniqueEmail('second-master');
    expect(
      await createOrganization(stack, `Second org ${randomUUID()}`, adminEmail, GOOD_PASSWORD),
    ).toMatchObject({ organizationId: expect.any(String) });
    const otherToken = await signInChangingPassword(stack.api, adminEmail, GOOD_PASSWORD);
    otherOrg = { token: otherToken, groupId: (await createGroup(stack.api, otherToken)).id };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** POST /imports as the Master Administrator, or as `token` (test/support/imports.ts). */
  const upload = (
    file: string,
    { token: as = token, ...fields }: ImportFields & { token?: string } = {},
  ) => sendImport(stack, as, file, fields);

  async function accepted(file: string, options: { dryRun?: boolean } = {}): Promise<any> {
    const response = await upload(file, options);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 202 });
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

  /** Every item of an import (optionally `status=...`), page after page of `limit`. */
  async function items(importId: string, query = '', limit = 200): Promise<any[]> {
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await stack.api.get(
        `/api/v1/imports/${importId}/items?limit=${limit}${query}${after}`,
        token,
      );
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(limit);
      all.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return all;
  }

  /** Technicians of this organization whose name or email contains `q`. */
  async function techniciansMatching(q: string): Promise<any[]> {
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await stack.api.get(
        `/api/v1/technicians?limit=200&q=${encodeURIComponent(q)}${after}`,
        token,
      );
      expect(response.status).toBe(200);
      all.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return all;
  }

  const login = (email: string, password: string) =>
    stack.api.post('/api/v1/auth/login', { email, password });

  describe('row-level problems fail their row only, at its row and line', () => {
    const duplicated = uniqueEmail('duplicated');
    // Expected outcome of each record: the line where it starts, and its errors (none: created).
    const records: { row: FileRow; line: number; errors: { field: string; code: string }[] }[] = [];
    let file: string;
    let importId: string;
    let view: any;
    let all: any[];

    beforeAll(async () => {
      const add = (row: FileRow, errors: { field: string; code: string }[] = []) => {
        const previous = records[records.length - 1];
        const line = previous
          ? previous.line + 1 + (cellsOf(previous.row).join().match(/\n/g)?.length ?? 0)
          : 2;
        records.push({ row, line, errors });
      };
      const inA = (fields: Partial<FileRow> = {}) => fileRow({ groupId: groupA.id, ...fields });
      add(inA({ name: 'Good First' }));
      add(inA({ name: '' }), [{ field: 'Name', code: 'VALIDATION_FAILED' }]);
      add(inA({ email: 'not-an-email' }), [{ field: 'Email', code: 'INVALID_EMAIL' }]);
      // A record of two lines (a quoted line break): the records after it start a line later.
      add(inA({ enabled: 'maybe', description: 'spans\ntwo lines' }), [
        { field: 'Enabled', code: 'INVALID_BOOLEAN' },
      ]);
      add(inA({ name: 'N'.repeat(129) }), [{ field: 'Name', code: 'FIELD_TOO_LONG' }]);
      add(inA({ description: 'D'.repeat(1025) }), [
        { field: 'Description', code: 'FIELD_TOO_LONG' },
      ]);
      add(inA({ email: existing.email.toUpperCase() }), [{ field: 'Email', code: 'EMAIL_TAKEN' }]);
      add(inA({ ssoId: existing.ssoId }), [{ field: 'Single Sign-On ID', code: 'SSO_ID_TAKEN' }]);
      add(fileRow({ name: 'Good Second', email: duplicated, groupId: groupB.id }));
      add(inA({ email: duplicated.toUpperCase() }), [
        { field: 'Email', code: 'DUPLICATE_IN_FILE' },
      ]);
      add(inA({ email: duplicated }), [{ field: 'Email', code: 'DUPLICATE_IN_FILE' }]);
      add(inA({ password: 'Password1!' }), [{ field: 'Password', code: 'PASSWORD_POLICY' }]);
      add(inA({ password: 'Ab1-' }), [{ field: 'Password', code: 'PASSWORD_POLICY' }]);
      add(fileRow({ groupId: '' }), [{ field: 'Tech Group ID', code: 'GROUP_REQUIRED' }]);
      add(fileRow({ groupId: randomUUID() }), [
        { field: 'Tech Group ID', code: 'GROUP_NOT_FOUND' },
      ]);
      add(fileRow({ groupId: otherOrg.groupId }), [
        { field: 'Tech Group ID', code: 'GROUP_NOT_FOUND' },
      ]);
      const beforeBlank = records.length;
      add(inA({ name: 'Good Third' }));
      add(inA({ password: '' }), [{ field: 'Password', code: 'VALIDATION_FAILED' }]);
      add(inA({ mobileLicense: '' }), [{ field: 'Mobile License', code: 'VALIDATION_FAILED' }]);

      // A blank line before "Good Third" is ignored, but it is a line: later lines shift.
      const lines = [HEADERS, ...records.map((record) => cellsOf(record.row))].map((cells) =>
        csvLine(cells),
      );
      lines.splice(beforeBlank + 1, 0, '');
      for (const record of records.slice(beforeBlank)) record.line += 1;
      file = lines.join('\n') + '\n';

      importId = (await accepted(file)).id;
      view = await finished(importId);
      all = await items(importId);
    });

    const good = () => records.filter((record) => record.errors.length === 0);
    const bad = () => records.filter((record) => record.errors.length > 0);

    it('completes with the good rows succeeded and the others failed', () => {
      expect(view).toMatchObject({
        status: 'completed',
        total: records.length,
        processed: records.length,
        succeeded: good().length,
        failed: bad().length,
      });
    });

    it('reports each row at its row and at the line where its record starts, with its code and column', () => {
      // Record 4 spans lines 5-6 and a blank line 19 comes before record 17.
      expect(all.map((item) => item.line)).toEqual([
        2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22,
      ]);
      // The code of a password the policy refuses has a test of its own, below.
      const expectedError = (error: { field: string; code: string }) =>
        expect.objectContaining(error.code === 'PASSWORD_POLICY' ? { field: error.field } : error);
      const expected = records.map((record, i) => ({
        row: i + 1,
        line: record.line,
        name: record.row.name,
        email: record.row.email,
        status: record.errors.length ? 'failed' : 'succeeded',
        technicianId: record.errors.length ? null : expect.any(String),
        errors: record.errors.length
          ? expect.arrayContaining(record.errors.map(expectedError))
          : [],
      }));
      expect(all).toEqual(expected);
    });

    it('reports a password that breaks the policy (too common, too short) with the row code PASSWORD_POLICY', () => {
      const refused = records.filter((record) =>
        record.errors.some((error) => error.code === 'PASSWORD_POLICY'),
      );
      expect(refused).toHaveLength(2);
      expect(
        refused.map((record) => {
          const item = all[records.indexOf(record)];
          return { row: item.row, status: item.status, errors: item.errors };
        }),
      ).toEqual(
        refused.map((record) => ({
          row: records.indexOf(record) + 1,
          status: 'failed',
          errors: expect.arrayContaining([
            expect.objectContaining({ field: 'Password', code: 'PASSWORD_POLICY' }),
          ]),
        })),
      );
    });

    it('creates the good rows of the same file, in their groups', async () => {
      for (const record of good()) {
        const item = all[records.indexOf(record)];
        const technician = await stack.api.get(`/api/v1/technicians/${item.technicianId}`, token);
        expect(technician.status).toBe(200);
        expect(technician.body).toMatchObject({
          name: record.row.name,
          email: record.row.email,
          groupId: record.row.groupId,
        });
        expect((await login(record.row.email, record.row.password)).status).toBe(200);
      }
    });

    it('creates nothing for the failed rows (the duplicate email belongs to the first row only)', async () => {
      for (const record of bad()) {
        if (record.row.email.includes('@') && record.row.email.toLowerCase() !== duplicated) {
          const found = await techniciansMatching(record.row.email.toLowerCase());
          const expected = record.row.email === existing.email.toUpperCase() ? 1 : 0;
          expect({ email: record.row.email, found: found.length }).toEqual({
            email: record.row.email,
            found: expected,
          });
        }
      }
      expect(await techniciansMatching(duplicated)).toHaveLength(1);
    });

    it('lists only the failed rows with ?status=failed, and only the created ones with ?status=succeeded', async () => {
      const rowsOf = (list: { row: number }[]) => list.map((item) => item.row);
      const failed = await items(importId, '&status=failed');
      expect(rowsOf(failed)).toEqual(bad().map((record) => records.indexOf(record) + 1));
      expect(failed.every((item) => item.status === 'failed')).toBe(true);
      const succeeded = await items(importId, '&status=succeeded');
      expect(rowsOf(succeeded)).toEqual(good().map((record) => records.indexOf(record) + 1));
      expect(await items(importId, '&status=pending')).toEqual([]);
    });

    it('pages items with limit and cursor, in row order, each row once', async () => {
      const first = await stack.api.get(`/api/v1/imports/${importId}/items?limit=5`, token);
      expect(first.status).toBe(200);
      expect(first.body.items.map((item: { row: number }) => item.row)).toEqual([1, 2, 3, 4, 5]);
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const paged = await items(importId, '', 5);
      expect(paged.map((item) => item.row)).toEqual(records.map((_, i) => i + 1));
      expect(paged).toEqual(all);
      const failedPaged = await items(importId, '&status=failed', 4);
      expect(failedPaged).toEqual(await items(importId, '&status=failed'));
    });

    it('answers cancelling a finished import with 409 IMPORT_FINISHED', async () => {
      const response = await stack.api.post(`/api/v1/imports/${importId}/cancel`, {}, token);
      expectProblem(response, 409, 'IMPORT_FINISHED');
    });
  });

  describe('a dry run (dryRun=true)', () => {
    const wouldCreate = [fileRow(), fileRow({ nickname: 'Dry' })];
    let rows: FileRow[];
    let file: string;
    let upload: any;
    let view: any;
    let dry: any[];

    beforeAll(async () => {
      wouldCreate[0].groupId = groupA.id;
      wouldCreate[1].groupId = groupB.id;
      rows = [
        wouldCreate[0],
        fileRow({ email: existing.email, groupId: groupA.id }),
        wouldCreate[1],
        fileRow({ password: 'Password1!', groupId: groupA.id }),
        fileRow({ ssoId: existing.ssoId, groupId: groupB.id }),
        fileRow({ groupId: otherOrg.groupId }),
      ];
      file = csvFile(rows);
      upload = await accepted(file, { dryRun: true });
      view = await finished(upload.id);
      dry = await items(upload.id);
    });

    it('has dryRun true and counts what would have happened', () => {
      expect(upload.dryRun).toBe(true);
      expect(view).toMatchObject({
        status: 'completed',
        dryRun: true,
        total: 6,
        processed: 6,
        succeeded: 2,
        failed: 4,
      });
    });

    it('says which rows would be created (without a technicianId) and why the others would fail, against live data', () => {
      const summary = dry.map((item) => ({
        row: item.row,
        status: item.status,
        technicianId: item.technicianId,
        codes: item.errors.map((error: { code: string }) => error.code),
      }));
      expect(summary).toEqual([
        { row: 1, status: 'succeeded', technicianId: null, codes: [] },
        {
          row: 2,
          status: 'failed',
          technicianId: null,
          codes: expect.arrayContaining(['EMAIL_TAKEN']),
        },
        { row: 3, status: 'succeeded', technicianId: null, codes: [] },
        {
          row: 4,
          status: 'failed',
          technicianId: null,
          codes: expect.arrayContaining(['PASSWORD_POLICY']),
        },
        {
          row: 5,
          status: 'failed',
          technicianId: null,
          codes: expect.arrayContaining(['SSO_ID_TAKEN']),
        },
        {
          row: 6,
          status: 'failed',
          technicianId: null,
          codes: expect.arrayContaining(['GROUP_NOT_FOUND']),
        },
      ]);
    });

    it('creates nothing: no technician has those emails and they cannot sign in', async () => {
      for (const row of wouldCreate) {
        expect(await techniciansMatching(row.email)).toEqual([]);
        expectProblem(await login(row.email, row.password), 401, 'INVALID_CREDENTIALS');
      }
    });

    it('reserves nothing: the same file imported for real creates what the dry run said it would', async () => {
      const real = await finished((await accepted(file)).id);
      expect(real).toMatchObject({ status: 'completed', dryRun: false, succeeded: 2, failed: 4 });
      for (const row of wouldCreate) expect(await techniciansMatching(row.email)).toHaveLength(1);
    });
  });

  describe('POST /imports/:id/cancel', () => {
    /** Holds the import's row batches (the BullMQ queue paused) so that a cancel lands where a test says. */
    let batches: ImportRowsHold;
    beforeAll(() => {
      batches = ImportRowsHold.open(stack);
    });
    afterEach(() => batches.release());
    afterAll(() => batches.close());

    it('ends the rows not yet applied as failed with CANCELLED, and every applied row has its technician', async () => {
      const tag = `cxl${randomBytes(4).toString('hex')}`;
      // More rows than the workers take at once (IMPORT_CONCURRENCY batches of IMPORT_BATCH_SIZE).
      const rows = Array.from({ length: 500 }, (_, i) =>
        fileRow({ email: `${tag}.${i}@example.com`, groupId: groupA.id }),
      );
      const { id } = await accepted(csvFile(rows));
      // Under way, then held between two batches: rows are applied, and rows still wait.
      await waitFor(
        async () => (await stack.api.get(`/api/v1/imports/${id}`, token)).body.processed > 0,
        { timeoutMs: 60_000, intervalMs: 100, what: `import ${id} to be under way` },
      );
      await batches.hold();

      const cancel = await stack.api.post(`/api/v1/imports/${id}/cancel`, {}, token);
      expect(cancel.status).toBe(200);
      expect(cancel.body).toMatchObject({ id, total: 500 });
      await batches.release();

      const view = await finished(id);
      expect(view).toMatchObject({ status: 'cancelled', total: 500, processed: 500 });
      expect(view.succeeded + view.failed).toBe(500);
      expect(view.failed).toBeGreaterThan(0);

      const all = await items(id);
      expect(all.map((item) => item.status).filter((status) => status === 'pending')).toEqual([]);
      const failed = all.filter((item) => item.status === 'failed');
      for (const item of failed) {
        expect(item.errors).toEqual([expect.objectContaining({ code: 'CANCELLED' })]);
        expect(item.technicianId).toBeNull();
      }
      const succeeded = all.filter((item) => item.status === 'succeeded');
      expect(succeeded).toHaveLength(view.succeeded);
      expect(failed).toHaveLength(view.failed);

      const technicians = await techniciansMatching(tag);
      expect(technicians).toHaveLength(view.succeeded);
      expect(technicians.map((t) => t.id).sort()).toEqual(
        succeeded.map((item) => item.technicianId).sort(),
      );
      for (const item of succeeded) {
        expect((await login(item.email, rows[item.row - 1].password)).status).toBe(200);
      }
      for (const item of failed.slice(0, 3)) {
        expectProblem(
          await login(item.email, rows[item.row - 1].password),
          401,
          'INVALID_CREDENTIALS',
        );
      }

      const again = await stack.api.post(`/api/v1/imports/${id}/cancel`, {}, token);
      expectProblem(again, 409, 'IMPORT_FINISHED');
    });

    it('answers 409 IMPORT_FINISHED when no row is pending any more, and the import ends completed, not cancelled', async () => {
      await batches.hold();
      const rows = [fileRow({ groupId: groupA.id }), fileRow({ groupId: groupA.id })];
      const { id } = await accepted(csvFile(rows));
      // A worker has claimed every row and its creates are on their way (what a batch's claim
      // writes); the batch itself waits in the held queue.
      await queryDatabase(
        stack.env.databases.import,
        `UPDATE import_rows SET status = 'processing' WHERE import_id = $1`,
        [id],
      );

      const cancel = await stack.api.post(`/api/v1/imports/${id}/cancel`, {}, token);
      expectProblem(cancel, 409, 'IMPORT_FINISHED');
      await batches.release();

      const view = await finished(id);
      expect(view).toMatchObject({ status: 'completed', total: 2, succeeded: 2, failed: 0 });
      expect((await items(id)).map((item) => item.status)).toEqual(['succeeded', 'succeeded']);
    });

    it('cancels every row of an import none of whose rows has started', async () => {
      await batches.hold();
      const { id } = await accepted(csvFile([fileRow({ groupId: groupA.id })]));
      const cancel = await stack.api.post(`/api/v1/imports/${id}/cancel`, {}, token);
      expect(cancel.status).toBe(200);
      expect(cancel.body).toMatchObject({ id, status: 'cancelled', processed: 1, failed: 1 });
      await batches.release();
      expect(await items(id)).toEqual([
        expect.objectContaining({
          status: 'failed',
          errors: [expect.objectContaining({ code: 'CANCELLED' })],
        }),
      ]);
    });
  });

  describe('GET /imports/:id/report.csv', () => {
    it('gives the rows without passwords, with Status and Reason, and neutralizes formula cells', async () => {
      const rows = [
        fileRow({ name: '=SUM(1+1)', description: '+cmd|calc', groupId: groupA.id }),
        fileRow({ name: '@Mention', nickname: '-nick', description: '-minus', groupId: groupA.id }),
        fileRow({ name: 'Tabbed', description: '\tstarts with a tab', groupId: groupA.id }),
        fileRow({ name: 'Returned', description: '\rstarts with a return', groupId: groupA.id }),
        fileRow({ name: '+Plus', password: 'Password1!', groupId: groupA.id }),
        fileRow({ name: 'Bad Email', email: 'not-an-email', groupId: groupA.id }),
      ];
      const { id } = await accepted(csvFile(rows));
      const view = await finished(id);
      expect(view).toMatchObject({ status: 'completed', succeeded: 4, failed: 2 });

      const response = await stack.api.get(`/api/v1/imports/${id}/report.csv`, token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      for (const row of rows) expect(response.text).not.toContain(row.password);
      expect(response.text).not.toMatch(/password1!/i);

      const table: string[][] = parse(response.text, { bom: true });
      const withoutPassword = HEADERS.filter((header) => header !== 'Password');
      expect(table[0]).toEqual([...withoutPassword, 'Status', 'Reason']);
      expect(table).toHaveLength(rows.length + 1);
      const report = table
        .slice(1)
        .map((cells) => Object.fromEntries(table[0].map((header, i) => [header, cells[i]])));
      const neutral = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
      rows.forEach((row, i) => {
        expect(report[i]).toMatchObject({
          Name: neutral(row.name),
          Nickname: neutral(row.nickname),
          Email: row.email,
          Description: neutral(row.description),
          'Tech Group ID': row.groupId,
          Status: i < 4 ? 'succeeded' : 'failed',
        });
      });
      expect(report[0]).toMatchObject({ Name: "'=SUM(1+1)", Description: "'+cmd|calc" });
      expect(report[2].Description).toBe("'\tstarts with a tab");
      expect(report[3].Description).toBe("'\rstarts with a return");
      expect(report[0].Reason).toBe('');
      expect(report[4].Reason).toMatch(/PASSWORD/);
      expect(report[5].Reason).toContain('INVALID_EMAIL');
    });
  });

  describe('who may reach an import', () => {
    let importId: string;

    beforeAll(async () => {
      importId = (await accepted(csvFile([fileRow({ groupId: groupA.id })]))).id;
      await finished(importId);
    });

    it('answers an Administrator with 403 FORBIDDEN on POST /imports, GET /imports and GET /imports/:id', async () => {
      const admin = await createAdministrator(stack.api, token, { groupIds: [groupA.id] });
      const adminToken = await signInChangingPassword(stack.api, admin.email, admin.password);
      const before = (await stack.api.get('/api/v1/imports?limit=200', token)).body.items;

      const file = csvFile([fileRow({ groupId: groupA.id })]);
      expectProblem(await upload(file, { token: adminToken }), 403, 'FORBIDDEN');
      expectProblem(await stack.api.get('/api/v1/imports', adminToken), 403, 'FORBIDDEN');
      expectProblem(
        await stack.api.get(`/api/v1/imports/${importId}`, adminToken),
        403,
        'FORBIDDEN',
      );
      expect((await stack.api.get('/api/v1/imports?limit=200', token)).body.items).toEqual(before);
      // Administrators may read the templates, though.
      expect((await stack.api.get('/api/v1/imports/template.csv', adminToken)).status).toBe(200);
    });

    it('answers a technician with 403 FORBIDDEN and a caller without a token with 401', async () => {
      const technician = await createTechnician(stack.api, token, groupA.id);
      const technicianToken = await signInChangingPassword(
        stack.api,
        technician.email,
        technician.password,
      );
      const file = csvFile([fileRow({ groupId: groupA.id })]);
      expectProblem(await upload(file, { token: technicianToken }), 403, 'FORBIDDEN');
      expectProblem(await stack.api.get(`/api/v1/imports/${importId}`), 401, 'UNAUTHENTICATED');
    });

    it('answers a global groupId of another organization with 404 GROUP_NOT_FOUND at upload, storing nothing', async () => {
      const before = (await stack.api.get('/api/v1/imports?limit=200', token)).body.items;
      const file = csvFile([fileRow({ groupId: groupA.id })]);

      expectProblem(await upload(file, { groupId: otherOrg.groupId }), 404, 'GROUP_NOT_FOUND');
      expect((await stack.api.get('/api/v1/imports?limit=200', token)).body.items).toEqual(before);
    });

    it("answers the Master Administrator of another organization with 404 IMPORT_NOT_FOUND for this one's import", async () => {
      const other = otherOrg.token;
      for (const path of ['', '/items', '/report.csv']) {
        const response = await stack.api.get(`/api/v1/imports/${importId}${path}`, other);
        expectProblem(response, 404, 'IMPORT_NOT_FOUND');
      }
      expectProblem(
        await stack.api.post(`/api/v1/imports/${importId}/cancel`, {}, other),
        404,
        'IMPORT_NOT_FOUND',
      );
      const theirs = await stack.api.get('/api/v1/imports?limit=200', other);
      expect(theirs.status).toBe(200);
      expect(theirs.body.items.map((view: { id: string }) => view.id)).not.toContain(importId);
    });
  });
});
