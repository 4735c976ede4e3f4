import { randomBytes, randomUUID } from 'node:crypto';
import { createGroup, uniqueEmail } from '../support/fixtures';
import {
  cellsOf,
  csvFile,
  filePassword,
  fileRow,
  HEADERS,
  jsonFile,
} from '../support/import-files';
import { expectImportedCleanly, importFilesSession } from '../support/import-session';
import { queryDatabase } from '../support/databases';
import { expectProblem } from '../support/problems';

/**
 * Import files through the gateway (spec sections 3 and 4): what makes a whole file
 * unusable, a global group, Idempotency-Key and the list of imports. The formats a file may
 * come in and the templates are in imports-files-formats.e2e-spec.ts; row-level outcomes,
 * dry runs, cancel, the report and access in imports-rows-*.e2e-spec.ts.
 */

const ONE_MIB = 1024 * 1024;

describe('Imports: files refused, grouped and repeated (as the bootstrap Master Administrator)', () => {
  const session = importFilesSession('imports-errors');
  const { upload, accepted, finished, importAndWait, importIds } = session;

  describe('file-level errors: the whole file is refused and nothing is stored', () => {
    let before: string[];
    const good = () => csvFile([fileRow({ groupId: session.groupA.id })]);
    const header = HEADERS.join(',');

    beforeEach(async () => {
      before = await importIds();
    });

    afterEach(async () => {
      expect(await importIds()).toEqual(before);
    });

    it('answers 400 FILE_REQUIRED without a file', async () => {
      expectProblem(await upload(undefined, { groupId: session.groupA.id }), 400, 'FILE_REQUIRED');
    });

    it('answers 400 FILE_EMPTY for an empty file', async () => {
      expectProblem(await upload(''), 400, 'FILE_EMPTY');
    });

    it('answers 400 MALFORMED_FILE with the line where a quoted field that is never closed opens', async () => {
      const unclosed = `"Unclosed,,${uniqueEmail()},,,${filePassword()},yes,yes,no,${session.groupA.id}`;
      const more = cellsOf(fileRow({ groupId: session.groupA.id })).join(',');
      const response = await upload(`${good()}${unclosed}\n${more}\n${more}\n`);
      expectProblem(response, 400, 'MALFORMED_FILE');
      expect(response.body.line).toBe(3);
    });

    it('answers 400 MALFORMED_FILE with the line of a record of 9 fields', async () => {
      const short = cellsOf(fileRow({ groupId: session.groupA.id }))
        .slice(0, 9)
        .join(',');
      const text = `${good()}${short}\n${cellsOf(fileRow({ groupId: session.groupA.id })).join(',')}\n`;
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
      const response = await upload(
        csvFile([fileRow({ groupId: session.groupA.id })], { headers: found }),
      );
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
      const [row] = JSON.parse(jsonFile([fileRow({ groupId: session.groupA.id })]));
      const { Email, ...rest } = row;
      const found = ['Email', ...Object.keys(rest)];
      const response = await upload(JSON.stringify([{ Email, ...rest }]), {
        fileName: 'keys.json',
      });
      expectProblem(response, 400, 'HEADER_MISMATCH');
      expect(response.body).toMatchObject({ expected: HEADERS, found, position: 1 });
    });

    it('answers 400 TOO_MANY_ROWS with limit 500 and the count for 501 rows', async () => {
      const rows = Array.from({ length: 501 }, () => fileRow({ groupId: session.groupA.id }));
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
        fileRow({ groupId: session.groupB.id }),
        fileRow({ groupId: randomUUID() }),
        fileRow({ groupId: 'not-a-group' }),
      ];
      const result = await importAndWait(csvFile(rows), { groupId: session.groupA.id });

      expect(result.view.groupId).toBe(session.groupA.id);
      await expectImportedCleanly(session, result, rows, () => session.groupA);
    });

    it('answers an unknown global groupId with 404 GROUP_NOT_FOUND at upload, storing nothing', async () => {
      const before = await importIds();
      const response = await upload(csvFile([fileRow({ groupId: session.groupA.id })]), {
        groupId: randomUUID(),
      });

      expectProblem(response, 404, 'GROUP_NOT_FOUND');
      expect(await importIds()).toEqual(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeat with the same file with the first import, and another file with 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const key = `import-${randomUUID()}`;
      const rows = [
        fileRow({ groupId: session.groupA.id }),
        fileRow({ groupId: session.groupB.id }),
      ];
      const file = csvFile(rows);
      const before = await importIds();

      const first = await accepted(file, { idempotencyKey: key });
      const repeat = await upload(file, { idempotencyKey: key });
      expect(repeat.status).toBe(202);
      expect(repeat.body.id).toBe(first.id);
      expect(repeat.headers.get('location')).toBe(`/api/v1/imports/${first.id}`);

      const other = await upload(csvFile([fileRow({ groupId: session.groupA.id })]), {
        idempotencyKey: key,
      });
      expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');

      expect(await importIds()).toEqual([first.id, ...before]);
      const view = await finished(first.id);
      expect(view).toMatchObject({ status: 'completed', total: 2, succeeded: 2 });
      const again = await upload(file, { idempotencyKey: key });
      expect(again.body).toMatchObject({ id: first.id, status: 'completed', succeeded: 2 });
      const found = await session.stack.api.get(
        `/api/v1/technicians?q=${encodeURIComponent(rows[0].email)}`,
        session.token,
      );
      expect(found.body.items).toHaveLength(1);
    });

    it('frees a key after IDEMPOTENCY_KEY_RETENTION_SECONDS: the same upload then makes a new import', async () => {
      const key = `import-${randomUUID()}`;
      const file = csvFile([fileRow({ groupId: session.groupA.id })]);
      const first = await accepted(file, { idempotencyKey: key, dryRun: true });
      await finished(first.id);
      await queryDatabase(
        session.stack.env.databases.import,
        `UPDATE imports SET created_at = created_at - interval '2 hours' WHERE id = $1`,
        [first.id],
      );

      const later = await accepted(file, { idempotencyKey: key, dryRun: true });

      expect(later.id).not.toBe(first.id);
    });

    it('refuses a real upload under the key of a dry run of the same file with 422 IDEMPOTENCY_KEY_REUSED, and under the key of another groupId', async () => {
      const key = `import-${randomUUID()}`;
      const rows = [fileRow({ groupId: session.groupA.id })];
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
        groupId: session.groupB.id,
      });
      expectProblem(elsewhere, 422, 'IDEMPOTENCY_KEY_REUSED');
      // The dry run itself repeats as before.
      const repeat = await upload(file, { idempotencyKey: key, dryRun: true });
      expect(repeat.status).toBe(202);
      expect(repeat.body.id).toBe(dryRun.id);
      const found = await session.stack.api.get(
        `/api/v1/technicians?q=${encodeURIComponent(rows[0].email)}`,
        session.token,
      );
      expect(found.body.items).toEqual([]);
    });
    it('answers a repeat after its group was deleted with the first import (not 404 GROUP_NOT_FOUND)', async () => {
      const key = `import-${randomUUID()}`;
      const doomed = await createGroup(session.stack.api, session.token);
      const file = csvFile([fileRow({ groupId: '' })]);
      // A dry run creates nothing, so the group can be deleted afterwards.
      const first = await accepted(file, { idempotencyKey: key, dryRun: true, groupId: doomed.id });
      await finished(first.id);
      expect(
        (
          await session.stack.api.request('DELETE', `/api/v1/groups/${doomed.id}`, {
            token: session.token,
          })
        ).status,
      ).toBe(204);

      const repeat = await upload(file, { idempotencyKey: key, dryRun: true, groupId: doomed.id });
      expect({ status: repeat.status, id: repeat.body.id }).toEqual({ status: 202, id: first.id });
    });
  });

  describe('GET /imports', () => {
    it('lists the imports newest first, page after page', async () => {
      const uploaded: string[] = [];
      for (let i = 0; i < 3; i++) {
        uploaded.push(
          (await accepted(csvFile([fileRow({ groupId: session.groupA.id })]), { dryRun: true })).id,
        );
      }

      const all = await session.stack.api.get('/api/v1/imports?limit=200', session.token);
      expect(all.status).toBe(200);
      const created = all.body.items.map((view: { createdAt: string }) =>
        Date.parse(view.createdAt),
      );
      expect(created).toEqual([...created].sort((a, b) => b - a));

      const first = await session.stack.api.get('/api/v1/imports?limit=2', session.token);
      expect(first.body.items.map((view: { id: string }) => view.id)).toEqual([
        uploaded[2],
        uploaded[1],
      ]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await session.stack.api.get(
        `/api/v1/imports?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
        session.token,
      );
      expect(second.body.items[0].id).toBe(uploaded[0]);
      expect(all.body.items.slice(0, 4).map((view: { id: string }) => view.id)).toEqual([
        ...first.body.items.map((view: { id: string }) => view.id),
        ...second.body.items.map((view: { id: string }) => view.id),
      ]);
    });
  });
});
