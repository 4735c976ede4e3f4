import type { AccountState } from '../entities/account.entity';

/** What becomes of an account row: a state, or `gone` (deleted). */
export type AccountFate = AccountState | 'gone';

/**
 * The account's state machine (docs/adr/0004-accounts-across-services.md). A state that
 * moves to itself is a claim: the same state with a new deadline, so that one process
 * (a takeover, the sweep) owns the next step.
 * - provisioning → active (identity made the credential), → abandoning (the answer is
 *   unknown, or the deadline passed), → gone (identity refused: it made nothing);
 * - active → deleting (an administrator deletes it);
 * - abandoning and deleting → gone, once identity's revoke is queued.
 */
const TRANSITIONS: Record<AccountState, readonly AccountFate[]> = {
  provisioning: ['provisioning', 'active', 'abandoning', 'gone'],
  active: ['deleting'],
  abandoning: ['abandoning', 'gone'],
  deleting: ['deleting', 'gone'],
};

export function canChange(from: AccountState, to: AccountFate): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws when a store method would move an account in a way the machine does not allow. */
export function assertChange(from: readonly AccountState[], to: AccountFate): void {
  const wrong = from.filter((state) => !canChange(state, to));
  if (wrong.length > 0) throw new Error(`an account cannot go from ${wrong.join(', ')} to ${to}`);
}
