import { waitForImport } from './imports';
import { checkAccountInvariants, checkImportInvariants, waitUntilSettled } from './invariants';
import type { Stack } from './stack';

/** An import of the chaos suite, started before its fault: what the invariants are checked against. */
export interface StartedImport {
  importId: string;
  /** A group of the scenario's own: what it holds afterwards is this import's doing alone. */
  groupId: string;
  emails: string[];
  passwords: string[];
  startedAt: number;
}

/**
 * The invariant checker: once the import has finished and org and identity have nothing
 * left to do, every row ended succeeded exactly once, linked to the one technician of its
 * email; the scenario's group holds one technician per row and no other (names are not
 * unique, so a row applied twice shows); the summary's counts are what the database
 * holds; every account is whole; every technician signs in with its row's password.
 */
export async function expectImportInvariants(
  stack: Stack,
  token: string,
  figures: Record<string, unknown>[],
  { scenario, started, faults }: { scenario: string; started: StartedImport; faults: number },
): Promise<void> {
  const total = started.emails.length;
  const view = await waitForImport(stack, token, started.importId, 300_000);
  const seconds = Math.round((Date.now() - started.startedAt) / 100) / 10;
  await waitUntilSettled(stack.env);
  const rows = await checkImportInvariants(stack.env, started.importId, started.groupId);
  const accounts = await checkAccountInvariants(stack.env);
  const signInFailures = await countSignInFailures(stack, started);
  figures.push({
    scenario,
    faults,
    rows: total,
    seconds,
    rowsLost: rows.rowsLost.length,
    rowsDuplicated: rows.rowsDuplicated.length,
    rowsMislinked: rows.rowsMislinked.length,
    strayTechnicians: rows.strayTechnicians.length,
    orphanCredentials: accounts.orphanCredentials.length,
    signInFailures,
  });

  // One assertion, so that a failure shows every invariant at once (row lists cut at 20).
  const first = (list: unknown[]) => list.slice(0, 20);
  expect({
    summary: {
      status: view.status,
      total: view.total,
      processed: view.processed,
      succeeded: view.succeeded,
      failed: view.failed,
    },
    rowsByStatus: rows.rowsByStatus,
    rowsLost: first(rows.rowsLost),
    rowsDuplicated: first(rows.rowsDuplicated),
    rowsMislinked: first(rows.rowsMislinked),
    strayTechnicians: first(rows.strayTechnicians),
    duplicateEmails: first(accounts.duplicateEmails),
    orphanCredentials: first(accounts.orphanCredentials),
    accountsWithoutCredential: first(accounts.accountsWithoutCredential),
    signInFailures,
  }).toEqual({
    summary: { status: 'completed', total, processed: total, succeeded: total, failed: 0 },
    rowsByStatus: { succeeded: total },
    rowsLost: [],
    rowsDuplicated: [],
    rowsMislinked: [],
    strayTechnicians: [],
    duplicateEmails: [],
    orphanCredentials: [],
    accountsWithoutCredential: [],
    signInFailures: 0,
  });
}

async function countSignInFailures(stack: Stack, started: StartedImport): Promise<number> {
  let failures = 0;
  for (let i = 0; i < started.emails.length; i += 10) {
    const batch = started.emails
      .slice(i, i + 10)
      .map((email, j) =>
        stack.api.post('/api/v1/auth/login', { email, password: started.passwords[i + j] }),
      );
    failures += (await Promise.all(batch)).filter((response) => response.status !== 200).length;
  }
  return failures;
}
