import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan, Not } from 'typeorm';
import { normalizeEmail, Role, Roles } from '@app/contracts';
import { Account, AccountState } from '../entities/account.entity';
import { AccountChanges, changedRow, NewAccount, provisioningRow } from './account-rows';
import { assertChange } from './account-states';

const ADMIN_ROLES: Role[] = [Roles.MASTER_ADMIN, Roles.ADMIN];

/**
 * The table of accounts (`accounts`): every read and write of it, one row or many, and every
 * change of an account's state (account-states.ts says which are allowed). A method that
 * takes a manager runs in the caller's transaction.
 */
@Injectable()
export class AccountStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private table(manager = this.dataSource.manager) {
    return manager.getRepository(Account);
  }

  // ---- the state machine ----

  /** New accounts as `provisioning` (the email reserved) until `deadline`. */
  async insert(manager: EntityManager, account: NewAccount, deadline: Date): Promise<Account> {
    const row = provisioningRow(account, deadline);
    // insert, not save: save would first look the new id up.
    await this.table(manager).insert(row);
    return row as Account;
  }

  /** Many at once, in one statement; an email already taken (or twice among them) is skipped. */
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
  claimDeletion(id: string, by: string, deadline: Date): Promise<boolean> {
    return this.move(this.dataSource.manager, { id }, ['active'], 'deleting', {
      provisioningDeadline: deadline,
      deletedBy: by,
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

  // ---- reads ----

  async organizationOf(id: string, manager = this.dataSource.manager): Promise<string | undefined> {
    const account = await this.table(manager).findOne({
      select: { organizationId: true },
      where: { id },
    });
    return account?.organizationId;
  }

  get(manager: EntityManager, id: string, organizationId: string): Promise<Account> {
    return this.table(manager).findOneByOrFail({ id, organizationId });
  }

  /** The complete account whose login is this email. */
  activeByEmail(email: string): Promise<Account | null> {
    return this.table().findOneBy({ emailNormalized: normalizeEmail(email), state: 'active' });
  }

  /** Whether any account, in any state, has this email as its login. */
  emailInUse(email: string): Promise<boolean> {
    return this.table().existsBy({ emailNormalized: normalizeEmail(email) });
  }

  /** An account as the scope policy checks an actor's token: active and enabled. */
  signedIn(manager: EntityManager, id: string, organizationId: string): Promise<Account | null> {
    return this.table(manager).findOneBy({ id, organizationId, state: 'active', enabled: true });
  }

  withOrganization(id: string): Promise<Account> {
    return this.table().findOneOrFail({ where: { id }, relations: { organization: true } });
  }

  hasActive(organizationId: string): Promise<boolean> {
    return this.table().exists({ where: { organizationId, state: 'active' } });
  }

  /** The organization's Master Administrators, in every state. */
  masters(organizationId: string): Promise<Account[]> {
    return this.table().findBy({ organizationId, role: Roles.MASTER_ADMIN });
  }

  /** Enabled, active Master Administrators of the organization, but `exceptId`. */
  enabledMasters(
    organizationId: string,
    exceptId?: string,
    manager = this.dataSource.manager,
  ): Promise<number> {
    return this.table(manager).countBy({
      organizationId,
      role: Roles.MASTER_ADMIN,
      state: 'active',
      enabled: true,
      ...(exceptId ? { id: Not(exceptId) } : {}),
    });
  }

  /** A page of the organization's active administrators, by name, after the cursor's (sortName, id). */
  administratorsPage(
    organizationId: string,
    limit: number,
    after?: [string, string],
  ): Promise<Account[]> {
    const builder = this.table()
      .createQueryBuilder('a')
      .where('a.organization_id = :org', { org: organizationId })
      .andWhere('a.role IN (:...roles)', { roles: ADMIN_ROLES })
      .andWhere(`a.state = 'active'`)
      .orderBy('a.sortName')
      .addOrderBy('a.id')
      .limit(limit);
    if (after) {
      const [sortName, id] = after;
      builder.andWhere('(a.sort_name, a.id) > (:sortName, :id)', { sortName, id });
    }
    return builder.getMany();
  }

  /** An active administrator, locked for the rest of the transaction. */
  lockedAdministrator(
    manager: EntityManager,
    where: { id: string; organizationId?: string },
  ): Promise<Account | null> {
    return this.table(manager).findOne({
      where: { ...where, state: 'active', role: In(ADMIN_ROLES) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  activeAdministratorByEmail(manager: EntityManager, email: string): Promise<Account | null> {
    return this.table(manager).findOneBy({
      emailNormalized: normalizeEmail(email),
      state: 'active',
      role: In(ADMIN_ROLES),
    });
  }

  /**
   * Locks every Master Administrator of the organization (in id order, so that two
   * transactions never hold them crosswise), for a check that counts them.
   */
  async lockMasters(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(
      `SELECT id FROM accounts WHERE organization_id = $1 AND role = $2 ORDER BY id FOR UPDATE`,
      [organizationId, Roles.MASTER_ADMIN],
    );
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
