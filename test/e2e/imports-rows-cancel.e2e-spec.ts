import { randomBytes } from 'node:crypto';
import { queryDatabase } from '../support/databases';
import { csvFile, fileRow } from '../support/import-files';
import { importRowsSession } from '../support/import-session';
import { ImportRowsHold } from '../support/imports';
import { waitFor } from '../support/wait-for';
import { expectProblem } from '../support/problems';

/**
 * Cancelling an import through the gateway (spec sections 3 and 4), its row batches held
 * where a test says. What becomes of each row is in imports-rows-lines.e2e-spec.ts, dry runs
 * and access in imports-rows-dry-runs.e2e-spec.ts.
 */

describe('Imports: cancel (as the bootstrap Master Administrator)', () => {
  const session = importRowsSession('imports-cancel');
  const { accepted, finished, items, techniciansMatching, login } = session;

  describe('POST /imports/:id/cancel', () => {
    /** Holds the import's row batches (the BullMQ queue paused) so that a cancel lands where a test says. */
    let batches: ImportRowsHold;
    beforeAll(() => {
      batches = ImportRowsHold.open(session.stack);
    });
    afterEach(() => batches.release());
    afterAll(() => batches.close());

    it('ends the rows not yet applied as failed with CANCELLED, and every applied row has its technician', async () => {
      const tag = `cxl${randomBytes(4).toString('hex')}`;
      // More rows than the workers take at once (IMPORT_CONCURRENCY batches of IMPORT_BATCH_SIZE).
      const rows = Array.from({ length: 500 }, (_, i) =>
        fileRow({ email: `${tag}.${i}@example.com`, groupId: session.groupA.id }),
      );
      const { id } = await accepted(csvFile(rows));
      // Under way, then held between two batches: rows are applied, and rows still wait.
      await waitFor(
        async () =>
          (await session.stack.api.get(`/api/v1/imports/${id}`, session.token)).body.processed > 0,
        { timeoutMs: 60_000, intervalMs: 100, what: `import ${id} to be under way` },
      );
      await batches.hold();

      const cancel = await session.stack.api.post(
        `/api/v1/imports/${id}/cancel`,
        {},
        session.token,
      );
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

      const again = await session.stack.api.post(`/api/v1/imports/${id}/cancel`, {}, session.token);
      expectProblem(again, 409, 'IMPORT_FINISHED');
    });

    it('answers 409 IMPORT_FINISHED when no row is pending any more, and the import ends completed, not cancelled', async () => {
      await batches.hold();
      const rows = [
        fileRow({ groupId: session.groupA.id }),
        fileRow({ groupId: session.groupA.id }),
      ];
      const { id } = await accepted(csvFile(rows));
      // A worker has claimed every row and its creates are on their way (what a batch's claim
      // writes); the batch itself waits in the held queue.
      await queryDatabase(
        session.stack.env.databases.import,
        `UPDATE import_rows SET status = 'processing' WHERE import_id = $1`,
        [id],
      );

      const cancel = await session.stack.api.post(
        `/api/v1/imports/${id}/cancel`,
        {},
        session.token,
      );
      expectProblem(cancel, 409, 'IMPORT_FINISHED');
      await batches.release();

      const view = await finished(id);
      expect(view).toMatchObject({ status: 'completed', total: 2, succeeded: 2, failed: 0 });
      expect((await items(id)).map((item) => item.status)).toEqual(['succeeded', 'succeeded']);
    });

    it('cancels every row of an import none of whose rows has started', async () => {
      await batches.hold();
      const { id } = await accepted(csvFile([fileRow({ groupId: session.groupA.id })]));
      const cancel = await session.stack.api.post(
        `/api/v1/imports/${id}/cancel`,
        {},
        session.token,
      );
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
});
