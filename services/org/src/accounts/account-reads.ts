import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { normalizeEmail, Role, Roles } from '@app/contracts';
import { Account } from '../entities/account.entity';

const ADMIN_ROLES: Role[] = [Roles.MASTER_ADMIN, Roles.ADMIN];

/** The reading half of AccountStore (account.store.ts), apart to keep each file short. */
export abstract class AccountReads {
  constructor(@InjectDataSource() protected readonly dataSource: DataSource) {}

  protected table(manager = this.dataSource.manager) {
    return manager.getRepository(Account);
  }

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

  /** Which of these emails (normalized) any account, in any state, has as its login. */
  async emailsInUse(manager: EntityManager, emails: string[]): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows = await this.table(manager).find({
      select: { emailNormalized: true },
      where: { emailNormalized: In(emails.map(normalizeEmail)) },
    });
    return new Set(rows.map((row) => row.emailNormalized));
  }

  /** The complete account of the organization with this Single Sign-On ID (compared exactly). */
  activeBySsoId(organizationId: string, ssoId: string): Promise<Account | null> {
    return this.table().findOneBy({ organizationId, ssoId, state: 'active' });
  }

  /** Whether any account of the organization, in any state, has this Single Sign-On ID. */
  ssoIdInUse(organizationId: string, ssoId: string): Promise<boolean> {
    return this.table().existsBy({ organizationId, ssoId });
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
}
