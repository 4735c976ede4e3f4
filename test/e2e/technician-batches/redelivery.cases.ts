import { commandQueueName, MAX_IMPORT_ROWS } from '@app/contracts';
import { queryDatabase } from '../../support/databases';
import {
  createAdministrator,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../../support/imports';
import { sharedSession } from '../../support/shared-session';
import { codeOf } from '../../support/technician-batches';
import type { technicianBatchSession } from '../../support/technician-batches';
import { waitFor } from '../../support/wait-for';

/**
 * `org.technician.create-batch.v1`, sent as another service (or the import) would: each
 * item applied exactly once however often and however the batch arrives.
 */
describe('Creating technicians in batches: exactly once, however the batch arrives', () => {
  const { session, item, batchMessage, sendBatch, accountsWithEmail, expectConsistent } =
    sharedSession<ReturnType<typeof technicianBatchSession>>();

  it('answers a batch delivered five times at once, and once more later, with the same technicians, each made once', async () => {
    const items = Array.from({ length: 30 }, () => item());
    items[12] = item({ password: 'password' });
    const message = batchMessage(items);

    const replies = await Promise.all(Array.from({ length: 5 }, () => sendBatch(message)));
    replies.push(await sendBatch(message));

    // Each reply's error first: a reply without results then says why (once, on a busy
    // machine, the first had none).
    expect(replies.map((reply) => reply.err)).toEqual(replies.map(() => undefined));
    const first = replies[0].response!.results;
    expect(first.map(codeOf).filter((code) => code !== 'created')).toEqual(['PASSWORD_POLICY']);
    for (const reply of replies) {
      expect(reply.err).toBeUndefined();
      expect(
        reply.response!.results.map((result) => (result.ok ? result.reply.id : result.error.code)),
      ).toEqual(first.map((result) => (result.ok ? result.reply.id : result.error.code)));
    }
    for (const [i, sent] of items.entries()) {
      expect(await accountsWithEmail(sent.email)).toHaveLength(i === 12 ? 0 : 1);
    }
    await expectConsistent();
  });

  it("answers a refused item in a delivery that took it over from another, not the whole batch with the item's refusal", async () => {
    // The first delivery claims every key and waits at identity (frozen); the second finds
    // them claimed and takes the first item, a weak password, over: identity refuses it to
    // the second delivery too, which answers that refusal as the item's result.
    const items = [item({ password: 'password' }), item(), item()];
    const message = batchMessage(items);
    session.stack.services.identity.pause();
    let replies: Awaited<ReturnType<typeof sendBatch>>[];
    try {
      const first = sendBatch(message);
      await reserved(items, 'the first delivery to reserve the batch');
      const second = sendBatch(message);
      // A take-over gives the account a new deadline; the others keep the first delivery's.
      await waitFor(
        async () => (await deadlineOf(items[0].email)) !== (await deadlineOf(items[1].email)),
        { what: 'the second delivery to take the first item over' },
      );
      session.stack.services.identity.resume();
      replies = await Promise.all([first, second]);
    } finally {
      session.stack.services.identity.resume();
    }
    for (const reply of replies) {
      expect(reply.err).toBeUndefined();
      expect(reply.response!.results.map(codeOf)).toEqual([
        'PASSWORD_POLICY',
        'created',
        'created',
      ]);
    }
    expect(await accountsWithEmail(items[0].email)).toHaveLength(0);
    await expectConsistent();
  });

  /** Waits until every item's account is reserved (provisioning): the batch is at identity. */
  async function reserved(items: { email: string }[], what: string): Promise<void> {
    await waitFor(
      async () =>
        (
          await queryDatabase(
            session.stack.env.databases.org,
            `SELECT 1 FROM accounts WHERE email_normalized = ANY($1) AND state = 'provisioning'`,
            [items.map((i) => i.email)],
          )
        ).length === items.length,
      { what },
    );
  }

  async function deadlineOf(email: string): Promise<number | undefined> {
    const [row] = await queryDatabase<{ deadline: Date | null }>(
      session.stack.env.databases.org,
      'SELECT provisioning_deadline AS deadline FROM accounts WHERE email_normalized = $1',
      [email],
    );
    return row?.deadline?.getTime();
  }

  it('finishes each row exactly once when org dies with the batch at identity and the batch comes again', async () => {
    const items = Array.from({ length: 20 }, () => item());
    // The batch waits at identity (frozen) while org, which claimed its keys, is killed.
    session.stack.services.identity.pause();
    try {
      await session.broker.publish(
        commandQueueName(session.stack.env.prefix, 'org', 'bulk'),
        batchMessage(items),
      );
      await reserved(items, 'org to reserve the batch');
      await session.stack.services.org.kill();
    } finally {
      session.stack.services.identity.resume();
    }
    await session.stack.services.org.start();

    // The unacknowledged batch came back to the new org, which finished every row.
    await waitFor(
      async () => {
        const states = await Promise.all(items.map((i) => accountsWithEmail(i.email)));
        return states.every((s) => s.length === 1 && s[0].state === 'active');
      },
      { timeoutMs: 60_000, what: 'every row of the batch to be active' },
    );
    const again = await sendBatch(batchMessage(items));
    expect(again.response!.results.every((result) => result.ok)).toBe(true);
    for (const sentItem of items) {
      expect(
        (
          await session.stack.api.post('/api/v1/auth/login', {
            email: sentItem.email,
            password: GOOD_PASSWORD,
          })
        ).status,
      ).toBe(200);
    }
    await expectConsistent();
  });

  it('ends the rows of an importer disabled mid-import UNAUTHENTICATED (org refuses their batches as a whole), and the import failed', async () => {
    const importer = await createAdministrator(session.stack.api, session.token, {
      role: 'master_admin',
    });
    const importerToken = await signInChangingPassword(
      session.stack.api,
      importer.email,
      importer.password,
    );
    const emails = Array.from({ length: MAX_IMPORT_ROWS }, () => uniqueEmail('disabled'));
    const upload = await uploadImport(
      session.stack,
      importerToken,
      csvImportFile(
        emails.map((email, i) =>
          technicianRow(session.groupId, { email, password: `Disabled-${i}-Pw7#` }),
        ),
      ),
    );
    expect(upload.status).toBe(202);
    const disabled = await session.stack.api.request(
      'PATCH',
      `/api/v1/administrators/${importer.id}`,
      {
        body: { enabled: false },
        token: session.token,
      },
    );
    expect(disabled.status).toBe(200);

    const view = await waitForImport(session.stack, session.token, upload.body.id, 120_000);
    expect(view).toMatchObject({ status: 'failed', processed: MAX_IMPORT_ROWS });
    expect(view.failed).toBeGreaterThan(0);
    const rows = await queryDatabase<{ status: string; errors: { code: string }[] }>(
      session.stack.env.databases.import,
      'SELECT status, errors FROM import_rows WHERE import_id = $1',
      [upload.body.id],
    );
    const failedCodes = new Set(
      rows.filter((row) => row.status === 'failed').flatMap((row) => row.errors.map((e) => e.code)),
    );
    expect([...failedCodes]).toEqual(['UNAUTHENTICATED']);
    // The rows created before the importer was disabled exist, once each; the others not.
    const created = await queryDatabase<{ n: string }>(
      session.stack.env.databases.org,
      'SELECT count(*) AS n FROM accounts WHERE email_normalized = ANY($1)',
      [emails],
    );
    expect(Number(created[0].n)).toBe(view.succeeded);
    await expectConsistent();
  });
});
