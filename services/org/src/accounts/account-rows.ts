import { normalizeEmail } from '@app/contracts';
import type { Account } from '../entities/account.entity';

/** What a caller says of a new account (no `ssoId`: none). */
export type NewAccount = Pick<
  Account,
  'id' | 'organizationId' | 'role' | 'name' | 'email' | 'enabled'
> &
  Partial<Pick<Account, 'ssoId'>>;

/** What may change in an account outside its state machine. */
export type AccountChanges = Partial<
  Pick<
    Account,
    'name' | 'email' | 'ssoId' | 'enabled' | 'role' | 'sessionsValidAfter' | 'updatedAt'
  >
>;

/** lower(name), the sort key of lists; lower(email) is the login (normalizeEmail). */
const sortNameOf = (name: string) => name.toLowerCase();

/** The row of a new account: provisioning until `deadline`, its sort key and login derived. */
export function provisioningRow(account: NewAccount, deadline: Date) {
  return {
    ...account,
    ssoId: account.ssoId ?? null,
    emailNormalized: normalizeEmail(account.email),
    sortName: sortNameOf(account.name),
    state: 'provisioning' as const,
    provisioningDeadline: deadline,
  };
}

/** The columns a change writes: a new name changes the sort key, a new email the login. */
export function changedRow(changes: AccountChanges): Partial<Account> {
  return {
    ...changes,
    ...(changes.name === undefined ? {} : { sortName: sortNameOf(changes.name) }),
    ...(changes.email === undefined ? {} : { emailNormalized: normalizeEmail(changes.email) }),
  };
}
