import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThan } from 'typeorm';
import type { ChangeOrigin } from '@app/contracts';
import { Account, AccountState } from '../entities/account.entity';
import { AccountReads } from './account-reads';
import { AccountChanges, changedRow, NewAccount, provisioningRow } from './account-rows';
import { assertChange } from './account-states';

/**
 * The table of accounts (`accounts`): every read and write of it, one row or many, and every
 * change of an account's state (account-states.ts says which are allowed). Its reads are in
 * AccountReads, which it extends: callers use this class only. A method that takes a manager
 * runs in the caller's transaction.
 */
@Injectable()
export class AccountStore extends AccountReads {
  // ---- the state machine ----

  /** New accounts as `provisioning` (the email reserved) until `deadline`. */
  async insert(manager: EntityManager, account: NewAccount, deadline: Date): Promise<Account> {
    const row = provisioningRow(account, deadline);
    // insert, not save: save would first look the new id up.
    await this.table(manager).insert(row);
    return row as Account;
  }

  /**
   * Many at once, in one statement; one whose email or SSO ID is already taken (or twice among
   * them) is skipped (emailsInUse tells which).
   */
  async insertMany(
    manager: EntityManager,
    accounts: NewAccount[],
    deadline: Date,
  ): Promise<Set<string>> {
    if (accounts.length === 0) return new Set();
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Account)
      .values(accounts.map((account) => provisioningRow(account, deadline)))
      .orIgnore()
      .returning('id')
      .execute();
    return new Set((inserted.raw as { id: string }[]).map((row) => row.id));
  }

  /** provisioning → provisioning with a new deadline: a redelivered create owns it again. */
  takeOver(id: string, deadline: Date): Promise<boolean> {
    return this.move(this.dataSource.manager, { id }, ['provisioning'], 'provisioning', {
      provisioningDeadline: deadline,
    });
  }

  /** provisioning → active (identity made the credentials); resolves to the ids activated. */
  async activate(manager: EntityManager, ids: string[]): Promise<string[]> {
    assertChange(['provisioning'], 'active');
    if (ids.length === 0) return [];
    const activated = await manager
      .createQueryBuilder()
      .update(Account)
      .set({ state: 'active', provisioningDeadline: null })
      .where(`id = ANY(:ids) AND state = 'provisioning'`, { ids })
      .returning('id')
      .execute();
    return (activated.raw as { id: string }[]).map((row) => row.id);
  }

  /** provisioning → gone: identity refused the credentials, so it made nothing to revoke. */
  async refuse(manager: EntityManager, ids: string[]): Promise<void> {
    assertChange(['provisioning'], 'gone');
    if (ids.length > 0) await this.table(manager).delete({ id: In(ids), state: 'provisioning' });
  }

  /**
   * Deletes rows whatever their state: accounts inserted in this very transaction that cannot
   * stay (their technician was refused), or an administrator whose organization goes with it.
   */
  async remove(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length > 0) await this.table(manager).delete({ id: In(ids) });
  }

  /** active → deleting, by `by` (for the deleted event). */
  claimDeletion(id: string, by: string, deadline: Date, via?: ChangeOrigin): Promise<boolean> {
    return this.move(this.dataSource.manager, { id }, ['active'], 'deleting', {
      provisioningDeadline: deadline,
      deletedBy: by,
      deletedVia: via ?? null,
    });
  }

  /** deleting → deleting again, for a deletion whose deadline passed (its process died). */
  reclaimDeletion(id: string, deadline: Date): Promise<boolean> {
    return this.move(
      this.dataSource.manager,
      { id, provisioningDeadline: LessThan(new Date()) },
      ['deleting'],
      'deleting',
      { provisioningDeadline: deadline },
    );
  }

  /** provisioning (or abandoning, a claim that died) → abandoning. */
  claimAbandon(id: string, deadline: Date, onlyIfPastDeadline: boolean): Promise<boolean> {
    return this.move(
      this.dataSource.manager,
      { id, ...(onlyIfPastDeadline ? { provisioningDeadline: LessThan(new Date()) } : {}) },
      ['provisioning', 'abandoning'],
      'abandoning',
      { provisioningDeadline: deadline },
    );
  }

  /** abandoning or deleting → gone; resolves to the account as it was, if it was in that state. */
  async finishUndo(
    manager: EntityManager,
    id: string,
    state: 'abandoning' | 'deleting',
  ): Promise<Account | undefined> {
    assertChange([state], 'gone');
    const repository = this.table(manager);
    const account = await repository.findOneBy({ id, state });
    if (account) await repository.delete({ id, state });
    return account ?? undefined;
  }

  /** Unfinished accounts and deletions past their deadline, for the sweep. */
  stale(limit: number): Promise<Pick<Account, 'id' | 'state'>[]> {
    return this.table().find({
      select: { id: true, state: true },
      where: {
        state: In(['provisioning', 'abandoning', 'deleting']),
        provisioningDeadline: LessThan(new Date()),
      },
      take: limit,
    });
  }

  async stateOf(id: string, manager = this.dataSource.manager): Promise<AccountState | undefined> {
    const account = await this.table(manager).findOne({ select: { state: true }, where: { id } });
    return account?.state;
  }

  // ---- changes outside the state machine ----

  /** Changes an account's fields; a new name or email changes its sort key or login too. */
  async update(manager: EntityManager, id: string, changes: AccountChanges): Promise<void> {
    await this.table(manager).update({ id }, changedRow(changes));
  }

  /** Tokens issued before now stop working (a password changed or reset). */
  async endSessions(id: string): Promise<void> {
    await this.update(this.dataSource.manager, id, { sessionsValidAfter: new Date() });
  }

  /** Tokens issued up to `after` stop working; never lets older tokens back in. */
  async endSessionsUpTo(id: string, after: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(Account)
      // GREATEST, which skips a NULL: never lets older tokens back in.
      .set({ sessionsValidAfter: () => 'GREATEST(sessions_valid_after, :after)' })
      .setParameter('after', after)
      .where('id = :id', { id })
      .execute();
  }

  /** Moves accounts in `from` (and matching `where`) to `to`, with `set`: whether any moved. */
  private async move(
    manager: EntityManager,
    where: Record<string, unknown>,
    from: AccountState[],
    to: AccountState,
    set: Partial<Account>,
  ): Promise<boolean> {
    assertChange(from, to);
    const moved = await this.table(manager).update(
      { ...where, state: from.length === 1 ? from[0] : In(from) },
      { ...set, state: to },
    );
    return !!moved.affected;
  }
}
