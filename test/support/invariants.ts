import { queryDatabase } from './databases';
import type { TestEnv } from './test-env';

export interface AccountInvariantReport {
  activeAccounts: number;
  liveCredentials: number;
  /** Live credentials whose account is not active in org (must be empty). */
  orphanCredentials: string[];
  /** Active accounts without a live credential (must be empty). */
  accountsWithoutCredential: string[];
  /** Emails held by more than one account (must be empty). */
  duplicateEmails: string[];
}

/**
 * Compares org's accounts with identity's credentials: every active account has exactly
 * one live credential and every live credential belongs to an active account.
 */
export async function checkAccountInvariants(env: TestEnv): Promise<AccountInvariantReport> {
  const accounts = await queryDatabase<{ id: string; state: string; email_normalized: string }>(
    env.databases.org,
    'SELECT id, state, email_normalized FROM accounts',
  );
  const credentials = await queryDatabase<{ account_id: string }>(
    env.databases.identity,
    'SELECT account_id FROM credentials WHERE revoked_at IS NULL',
  );
  const active = new Set(accounts.filter((a) => a.state === 'active').map((a) => a.id));
  const live = new Set(credentials.map((c) => c.account_id));
  const emails = new Map<string, number>();
  for (const account of accounts)
    emails.set(account.email_normalized, (emails.get(account.email_normalized) ?? 0) + 1);
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
