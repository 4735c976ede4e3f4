import {
  createGroup,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { createOrganization } from '../support/organizations';
import { Stack } from '../support/stack';

const API = '/api/v1';

/**
 * Imports share one queue of rows; organizations importing at once are served in turn, and
 * one organization's imports in upload order (services/import/src/jobs/fair-share.ts).
 */
describe('Imports of several organizations at once', () => {
  let stack: Stack;
  let busy: { token: string; groupId: string };
  let small: { token: string; groupId: string };

  beforeAll(async () => {
    stack = await Stack.start('fairness');
    const busyToken = await stack.adminToken();
    busy = { token: busyToken, groupId: (await createGroup(stack.api, busyToken)).id };
    const email = uniqueEmail('second-org');
    await createOrganization(stack, `Second ${email}`, email, GOOD_PASSWORD);
    const smallToken = await signInChangingPassword(stack.api, email, GOOD_PASSWORD);
    small = { token: smallToken, groupId: (await createGroup(stack.api, smallToken)).id };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  function file(groupId: string, rows: number, label: string): string {
    return csvImportFile(
      Array.from({ length: rows }, () =>
        technicianRow(groupId, { email: uniqueEmail(label), password: GOOD_PASSWORD }),
      ),
    );
  }

  async function upload(who: { token: string; groupId: string }, rows: number, label: string) {
    const response = await uploadImport(stack, who.token, file(who.groupId, rows, label));
    expect(response.status).toBe(202);
    return response.body.id as string;
  }

  async function progress(who: { token: string }, id: string): Promise<number> {
    return (await stack.api.get(`${API}/imports/${id}`, who.token)).body.processed as number;
  }

  it('a small import of a second organization is not queued behind the first one’s rows', async () => {
    const first = await upload(busy, 300, 'busy-a');
    const second = await upload(busy, 300, 'busy-b');
    const other = await upload(small, 5, 'small');

    const done = await waitForImport(stack, small.token, other, 60_000, 50);
    const [firstDone, secondDone] = [await progress(busy, first), await progress(busy, second)];

    expect(done).toMatchObject({ status: 'completed', succeeded: 5 });
    // Served in turn with the busy organization's first import, not after its 600 rows...
    expect(firstDone).toBeLessThan(300);
    // ...whose imports keep their order among themselves.
    expect(secondDone).toBe(0);

    const [a, b] = await Promise.all([
      waitForImport(stack, busy.token, first, 120_000),
      waitForImport(stack, busy.token, second, 120_000),
    ]);
    expect([a.succeeded, b.succeeded]).toEqual([300, 300]);
  });
});
