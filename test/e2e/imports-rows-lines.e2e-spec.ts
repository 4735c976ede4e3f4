import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { cellsOf, csvFile, csvLine, type FileRow, fileRow, HEADERS } from '../support/import-files';
import { importRowsSession } from '../support/import-session';
import { uniqueEmail } from '../support/fixtures';
import { expectProblem } from '../support/problems';

/**
 * Import rows through the gateway (spec sections 3 and 4): what becomes of each row and
 * where it is reported (row and line), paging of items, and the report. Dry runs, cancel and
 * who may reach an import are in imports-rows-dry-runs.e2e-spec.ts and imports-rows-cancel.e2e-spec.ts; file formats and file-level
 * errors in imports-files-*.e2e-spec.ts.
 */

describe('Imports: rows and the report (as the bootstrap Master Administrator)', () => {
  const session = importRowsSession('imports-lines');
  const { accepted, finished, items, techniciansMatching, login } = session;

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
      const inA = (fields: Partial<FileRow> = {}) =>
        fileRow({ groupId: session.groupA.id, ...fields });
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
      add(inA({ email: session.existing.email.toUpperCase() }), [
        { field: 'Email', code: 'EMAIL_TAKEN' },
      ]);
      add(inA({ ssoId: session.existing.ssoId }), [
        { field: 'Single Sign-On ID', code: 'SSO_ID_TAKEN' },
      ]);
      add(fileRow({ name: 'Good Second', email: duplicated, groupId: session.groupB.id }));
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
      add(fileRow({ groupId: session.otherOrg.groupId }), [
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
        const technician = await session.stack.api.get(
          `/api/v1/technicians/${item.technicianId}`,
          session.token,
        );
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
          const expected = record.row.email === session.existing.email.toUpperCase() ? 1 : 0;
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
      const first = await session.stack.api.get(
        `/api/v1/imports/${importId}/items?limit=5`,
        session.token,
      );
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
      const response = await session.stack.api.post(
        `/api/v1/imports/${importId}/cancel`,
        {},
        session.token,
      );
      expectProblem(response, 409, 'IMPORT_FINISHED');
    });
  });

  describe('GET /imports/:id/report.csv', () => {
    it('gives the rows without passwords, with Status and Reason, and neutralizes formula cells', async () => {
      const rows = [
        fileRow({ name: '=SUM(1+1)', description: '+cmd|calc', groupId: session.groupA.id }),
        fileRow({
          name: '@Mention',
          nickname: '-nick',
          description: '-minus',
          groupId: session.groupA.id,
        }),
        fileRow({ name: 'Tabbed', description: '\tstarts with a tab', groupId: session.groupA.id }),
        fileRow({
          name: 'Returned',
          description: '\rstarts with a return',
          groupId: session.groupA.id,
        }),
        fileRow({ name: '+Plus', password: 'Password1!', groupId: session.groupA.id }),
        fileRow({ name: 'Bad Email', email: 'not-an-email', groupId: session.groupA.id }),
      ];
      const { id } = await accepted(csvFile(rows));
      const view = await finished(id);
      expect(view).toMatchObject({ status: 'completed', succeeded: 4, failed: 2 });

      const response = await session.stack.api.get(
        `/api/v1/imports/${id}/report.csv`,
        session.token,
      );
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
});
