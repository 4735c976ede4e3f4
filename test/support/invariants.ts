import { commandQueueName, LANES } from '@app/contracts';
import { messagesInQueues } from './broker';
import { queryDatabase } from './databases';
import type { TestEnv } from './test-env';
import { waitFor } from './wait-for';

export interface AccountInvariantReport {
  activeAccounts: number;
  liveCredentials: number;
  /** Live credentials whose account is not active in org (must be empty). */
  orphanCredentials: string[];
  /** Active accounts without a live credential (must be empty). */
  accountsWithoutCredential: string[];
  /**
   * Emails, trimmed and lower-cased from the `email` column itself, held by more than one
   * account (must be empty). Not from `email_normalized`: that column has a unique index,
   * so counting it could never find anything; this finds two accounts the index let
   * through because their stored normal forms disagree with their emails.
   */
  duplicateEmails: string[];
}

/**
 * Compares org's accounts with identity's credentials: every active account has exactly
 * one live credential and every live credential belongs to an active account.
 */
export async function checkAccountInvariants(env: TestEnv): Promise<AccountInvariantReport> {
  const accounts = await queryDatabase<{ id: string; state: string; email: string }>(
    env.databases.org,
    'SELECT id, state, email FROM accounts',
  );
  const credentials = await queryDatabase<{ account_id: string }>(
    env.databases.identity,
    'SELECT account_id FROM credentials WHERE revoked_at IS NULL',
  );
  const active = new Set(accounts.filter((a) => a.state === 'active').map((a) => a.id));
  const live = new Set(credentials.map((c) => c.account_id));
  const emails = new Map<string, number>();
  for (const account of accounts) {
    const email = account.email.trim().toLowerCase();
    emails.set(email, (emails.get(email) ?? 0) + 1);
  }
  return {
    activeAccounts: active.size,
    liveCredentials: live.size,
    orphanCredentials: [...live].filter((id) => !active.has(id)),
    accountsWithoutCredential: [...active].filter((id) => !live.has(id)),
    duplicateEmails: [...emails].filter(([, count]) => count > 1).map(([email]) => email),
  };
}

/** Accounts still being made or undone (provisioning, abandoning, deleting). */
export async function unfinishedAccounts(env: TestEnv): Promise<{ id: string; state: string }[]> {
  return queryDatabase(env.databases.org, `SELECT id, state FROM accounts WHERE state <> 'active'`);
}

/**
 * Waits until org and identity hold no command message (not even one taken and not yet
 * acknowledged) and no account is half made or half undone: whatever a fault or a
 * repeated message is still going to do has been done, so a duplicate made late is seen.
 */
export async function waitUntilSettled(env: TestEnv, timeoutMs = 120_000): Promise<void> {
  const queues = (['org', 'identity'] as const).flatMap((service) =>
    LANES.map((lane) => commandQueueName(env.prefix, service, lane)),
  );
  await waitFor(
    async () =>
      messagesInQueues(queues).every((count) => count === 0) &&
      (await unfinishedAccounts(env)).length === 0,
    { timeoutMs, intervalMs: 500, what: 'org and identity to settle' },
  );
}

export interface ImportInvariantReport {
  /** Rows of the import by status in the import database. */
  rowsByStatus: Record<string, number>;
  /** Rows that did not end succeeded with an active technician holding their email. */
  rowsLost: number[];
  /**
   * Rows for which the import's group holds more than one technician of the row's name.
   * Names are not unique (no index keeps them so), unlike emails: only the product's
   * idempotency keeps a row from being applied twice, and this counts when it did not.
   */
  rowsDuplicated: number[];
  /** Succeeded rows whose technician_id is not the technician of their email, or another row's. */
  rowsMislinked: number[];
  /** Technicians in the import's group that are neither the email nor the name of any row. */
  strayTechnicians: string[];
}

/**
 * Checks an import of valid rows with distinct names into a group of its own against what
 * org holds: every row ended succeeded, linked to the one technician of its email, and the
 * group holds exactly one technician per row, nothing more.
 */
export async function checkImportInvariants(
  env: TestEnv,
  importId: string,
  groupId: string,
): Promise<ImportInvariantReport> {
  const rows = await queryDatabase<{
    row: number;
    status: string;
    technician_id: string | null;
    name: string | null;
    email: string | null;
  }>(
    env.databases.import,
    `SELECT "row", status, technician_id, technician->>'name' AS name, technician->>'email' AS email
       FROM import_rows WHERE import_id = $1 ORDER BY "row"`,
    [importId],
  );
  const technicians = await queryDatabase<{
    id: string;
    name: string;
    email: string;
    state: string;
  }>(
    env.databases.org,
    `SELECT a.id, a.name, a.email, a.state
       FROM technicians t JOIN accounts a ON a.id = t.account_id
      WHERE t.group_id = $1`,
    [groupId],
  );
  const byEmail = new Map(technicians.map((t) => [t.email.trim().toLowerCase(), t]));
  const perName = new Map<string, number>();
  for (const t of technicians) perName.set(t.name, (perName.get(t.name) ?? 0) + 1);
  const rowsByStatus: Record<string, number> = {};
  const rowsLost: number[] = [];
  const rowsDuplicated: number[] = [];
  const rowsMislinked: number[] = [];
  const linked = new Map<string, number>();
  for (const row of rows) {
    rowsByStatus[row.status] = (rowsByStatus[row.status] ?? 0) + 1;
    const technician = row.email ? byEmail.get(row.email.trim().toLowerCase()) : undefined;
    if (row.status !== 'succeeded' || technician?.state !== 'active') rowsLost.push(row.row);
    if ((perName.get(row.name ?? '') ?? 0) > 1) rowsDuplicated.push(row.row);
    if (row.status === 'succeeded') {
      const other = row.technician_id ? linked.get(row.technician_id) : undefined;
      if (!technician || row.technician_id !== technician.id || other !== undefined)
        rowsMislinked.push(row.row);
      if (row.technician_id) linked.set(row.technician_id, row.row);
    }
  }
  const names = new Set(rows.map((r) => r.name));
  const emails = new Set(rows.map((r) => r.email?.trim().toLowerCase()));
  const strayTechnicians = technicians
    .filter((t) => !names.has(t.name) && !emails.has(t.email.trim().toLowerCase()))
    .map((t) => `${t.id} ${t.email}`);
  return { rowsByStatus, rowsLost, rowsDuplicated, rowsMislinked, strayTechnicians };
}

/**
 * Waits until no account is half-made any more (completed or undone), then expects every
 * account whole: no credential without its account, no account without its credential,
 * no email twice.
 */
export async function expectAccountsConsistent(env: TestEnv): Promise<void> {
  await waitFor(async () => (await unfinishedAccounts(env)).length === 0, {
    timeoutMs: 30_000,
    what: 'every unfinished account to be completed or undone',
  });
  const report = await checkAccountInvariants(env);
  expect(report.orphanCredentials).toEqual([]);
  expect(report.accountsWithoutCredential).toEqual([]);
  expect(report.duplicateEmails).toEqual([]);
}
