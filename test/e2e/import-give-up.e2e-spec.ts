import { commandQueueName } from '@app/contracts';
import { messagesInQueues } from '../support/broker';
import { queryDatabase } from '../support/databases';
import { createGroup, uniqueEmail } from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

const ROWS = 10;

/**
 * A row whose attempts ran out while org did not answer: its create may still wait in
 * org's queue, so the import must not call it failed while it may yet be created. Its
 * outcome is settled with org (the create's result, or a fence that refuses the late create).
 */
describe('An import row given up while its create still waits in a queue', () => {
  let stack: Stack;
  let token: string;
  let groupId: string;

  beforeAll(async () => {
    // Short timeouts and two attempts: a row gives up within seconds.
    stack = await Stack.start('giveup', {
      RPC_TIMEOUT_MS: '1000',
      IMPORT_ROW_ATTEMPTS: '2',
      IMPORT_CONCURRENCY: String(ROWS),
      // Several batches, each given up on its own.
      IMPORT_BATCH_SIZE: '3',
    });
    token = await stack.adminToken();
    groupId = (await createGroup(stack.api, token)).id;
  });

  afterAll(async () => {
    stack?.services.org.resume();
    await stack?.stop();
  });

  it('ends each row as what really happened: succeeded exactly when its technician exists', async () => {
    const emails = Array.from({ length: ROWS }, () => uniqueEmail('giveup'));
    const csv = csvImportFile(
      emails.map((email, i) => technicianRow(groupId, { email, password: `Give-Up-${i}-Pw7#` })),
    );
    const importService = stack.services.import;
    const from = importService.lines.length;
    const upload = await uploadImport(stack, token, csv);
    expect(upload.status).toBe(202);

    // Org freezes with the rows' creates on its way: they wait in its queue.
    stack.services.org.pause();
    try {
      await importService.waitForLine(/batch given up/, { from, timeoutMs: 60_000 });
      // Giving up asks org to settle the row, which it cannot answer yet.
      await waitFor(
        async () => {
          const [row] = await queryDatabase<{ n: string }>(
            stack.env.databases.import,
            `SELECT count(*) AS n FROM import_rows WHERE import_id = $1 AND status = 'failed'`,
            [upload.body.id],
          );
          return (
            Number(row.n) > 0 ||
            importService.lines.slice(from).some((line) => /could not settle/.test(line))
          );
        },
        { timeoutMs: 30_000, what: 'a given-up row to be recorded or its settling to fail' },
      );
    } finally {
      stack.services.org.resume();
    }

    const view = await waitForImport(stack, token, upload.body.id, 180_000);
    // Org has handled every create that waited for it.
    await waitFor(
      () =>
        messagesInQueues(
          (['org', 'identity'] as const).flatMap((service) => [
            commandQueueName(stack.env.prefix, service),
            commandQueueName(stack.env.prefix, service, 'bulk'),
          ]),
        ).every((count) => count === 0),
      { timeoutMs: 60_000, intervalMs: 500, what: 'org and identity to settle' },
    );

    const rows = await queryDatabase<{ email: string; status: string; technician_id: string }>(
      stack.env.databases.import,
      `SELECT technician->>'email' AS email, status, technician_id FROM import_rows
        WHERE import_id = $1 ORDER BY "row"`,
      [upload.body.id],
    );
    const accounts = await queryDatabase<{ id: string; email_normalized: string }>(
      stack.env.databases.org,
      `SELECT id, email_normalized FROM accounts WHERE email_normalized = ANY($1)`,
      [emails.map((email) => email.toLowerCase())],
    );
    const accountOf = new Map(accounts.map((a) => [a.email_normalized, a.id]));
    for (const row of rows) {
      const account = accountOf.get(row.email.toLowerCase());
      expect({ email: row.email, status: row.status, technicianId: row.technician_id }).toEqual({
        email: row.email,
        status: account ? 'succeeded' : 'failed',
        technicianId: account ?? null,
      });
    }
    expect(view.succeeded + view.failed).toBe(ROWS);
    expect(view.succeeded).toBe(accounts.length);
  });
});
