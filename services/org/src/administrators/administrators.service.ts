import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import {
  AdministratorView,
  CreateAdministratorCommand,
  DEFAULT_PAGE_SIZE,
  ErrorCodes,
  IdentityPatterns,
  ListAdministratorsQuery,
  normalizeEmail,
  Page,
  Roles,
  SetPasswordCommand,
  SetPasswordReply,
  UpdateAdministratorCommand,
} from '@app/contracts';
import {
  InjectRpcClient,
  isUniqueViolation,
  RpcClient,
  rpcError,
  decodeCursor,
  encodeCursor,
} from '@app/platform';
import { Account } from '../accounts/account.entity';
import { AccountProvisioningService } from '../accounts/account-provisioning.service';
import { Group } from '../groups/group.entity';
import { IdempotentAccountCreation } from '../accounts/idempotent-account-creation';
import { administratorCreateMeaning } from '../idempotency/command-meaning';
import { ActorContext, ScopePolicy } from '../scope/scope-policy';
import { emailTaken } from '../technicians/technician-conflicts';
import { PasswordCheck } from '../accounts/password-check';
import { AdministratorGroup } from './administrator-group.entity';

const ADMIN_ROLES = [Roles.MASTER_ADMIN, Roles.ADMIN];

/** Administrators and Master Administrators of an organization; only a Master Administrator manages them. */
@Injectable()
export class AdministratorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
    private readonly provisioning: AccountProvisioningService,
    private readonly creation: IdempotentAccountCreation,
    private readonly passwordCheck: PasswordCheck,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
  ) {}

  async list(query: ListAdministratorsQuery): Promise<Page<AdministratorView>> {
    const context = await this.scope.masterAdministrator(query.actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const builder = this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.organization_id = :org', { org: context.organizationId })
      .andWhere('a.role IN (:...roles)', { roles: ADMIN_ROLES })
      .andWhere(`a.state = 'active'`)
      .orderBy('a.sortName')
      .addOrderBy('a.id')
      .limit(limit + 1);
    if (query.cursor) {
      const [sortName, id] = decodeCursor(query.cursor, ['text', 'uuid']);
      builder.andWhere('(a.sort_name, a.id) > (:sortName, :id)', { sortName, id });
    }
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    const groups = await this.groupIdsOf(
      this.dataSource.manager,
      page.map((a) => a.id),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((account) => toView(account, groups.get(account.id) ?? [])),
      nextCursor: rows.length > limit && last ? encodeCursor([last.sortName, last.id]) : null,
    };
  }

  async create(command: CreateAdministratorCommand): Promise<AdministratorView> {
    const context = await this.scope.masterAdministrator(command.actor);
    const org = context.organizationId;
    const groupIds = command.role === Roles.ADMIN ? command.groupIds : [];
    return this.creation.create<AdministratorView>({
      scope: org,
      key: command.idempotencyKey,
      meaning: administratorCreateMeaning(command),
      command,
      sealedPassword: command.sealedPassword,
      setByAdministrator: true,
      insert: async (manager, accountId) => {
        await this.assertGroups(manager, context, groupIds);
        await this.provisioning.insertProvisioning(manager, {
          id: accountId,
          organizationId: org,
          role: command.role,
          name: command.name,
          email: command.email,
          enabled: true,
        });
        if (groupIds.length > 0) {
          await manager
            .getRepository(AdministratorGroup)
            .insert(groupIds.map((groupId) => ({ accountId, groupId })));
        }
        return org;
      },
      refusalOf: (err) => (isUniqueViolation(err, 'accounts_email_uq') ? emailTaken() : undefined),
      reply: (manager, accountId, credential) =>
        this.view(manager, org, accountId, credential.mustChangePassword),
    });
  }

  /**
   * Changes an administrator. The new password, if any, is checked against the policy first
   * and set in identity after the commit: no remote call runs inside the transaction (it
   * would hold the row locks and a connection for as long as identity takes).
   */
  async update(command: UpdateAdministratorCommand): Promise<AdministratorView> {
    const org = command.actor.organizationId;
    if (command.sealedPassword) {
      await this.passwordCheck.assertAllowed(org, command.sealedPassword);
    }
    let view: AdministratorView;
    try {
      view = await this.dataSource.transaction(async (manager) => {
        // The organization's masters first, always in the same order: two masters demoting
        // each other wait for one another here, and the second counts what the first left.
        await lockMasters(manager, org);
        const context = await this.scope.masterAdministrator(command.actor, manager);
        const account = await manager.getRepository(Account).findOne({
          where: {
            id: command.administratorId,
            organizationId: org,
            state: 'active',
            role: In(ADMIN_ROLES),
          },
          lock: { mode: 'pessimistic_write' },
        });
        if (!account) throw rpcError(ErrorCodes.ADMINISTRATOR_NOT_FOUND, 'no such administrator');
        const role = command.role ?? account.role;
        const enabled = command.enabled ?? account.enabled;
        if (account.role === Roles.MASTER_ADMIN && (role !== Roles.MASTER_ADMIN || !enabled)) {
          await this.assertAnotherMaster(manager, org, account.id);
        }
        const changes: Partial<Account> = { role, enabled, updatedAt: new Date() };
        if (command.name !== undefined)
          Object.assign(changes, { name: command.name, sortName: command.name.toLowerCase() });
        if (command.email !== undefined)
          Object.assign(changes, {
            email: command.email,
            emailNormalized: normalizeEmail(command.email),
          });
        // Tokens issued before a password set by an administrator stop working now.
        if (command.sealedPassword) changes.sessionsValidAfter = new Date();
        await manager.getRepository(Account).update({ id: account.id }, changes);
        if (command.groupIds !== undefined || role === Roles.MASTER_ADMIN) {
          const groupIds =
            role === Roles.ADMIN
              ? (command.groupIds ??
                (await this.groupIdsOf(manager, [account.id])).get(account.id) ??
                [])
              : [];
          await this.assertGroups(manager, context, groupIds);
          await manager.getRepository(AdministratorGroup).delete({ accountId: account.id });
          if (groupIds.length > 0) {
            await manager
              .getRepository(AdministratorGroup)
              .insert(groupIds.map((groupId) => ({ accountId: account.id, groupId })));
          }
        }
        return this.view(manager, org, account.id);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'accounts_email_uq')) throw emailTaken();
      throw err;
    }
    if (!command.sealedPassword) return view;
    // Checked above; identity checks again (the policy may have changed meanwhile).
    const reply = await this.identity.send<SetPasswordReply>(
      IdentityPatterns.credentialPasswordSet,
      {
        accountId: view.id,
        organizationId: org,
        sealedPassword: command.sealedPassword,
        setByAdministrator: true,
      } satisfies SetPasswordCommand,
    );
    return { ...view, mustChangePassword: reply.mustChangePassword };
  }

  /**
   * The operator's way out of an organization left without an enabled Master Administrator
   * (by hand in the database, or a bootstrap email that changed role): the administrator
   * with this email becomes its enabled Master Administrator. Refused when the organization
   * has one, so that it never raises anyone above a working Master Administrator.
   */
  async restoreMaster(email: string): Promise<AdministratorView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.getRepository(Account).findOneBy({
        emailNormalized: normalizeEmail(email),
        state: 'active',
        role: In(ADMIN_ROLES),
      });
      if (!found) {
        throw rpcError(ErrorCodes.ADMINISTRATOR_NOT_FOUND, 'no administrator has this email');
      }
      const org = found.organizationId;
      // The organization's row, then its masters: two restores, or a restore and a master's
      // change, of one organization run one after the other and see each other's result.
      await manager.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [org]);
      await lockMasters(manager, org);
      const account = await manager.getRepository(Account).findOne({
        where: { id: found.id, state: 'active', role: In(ADMIN_ROLES) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!account) {
        throw rpcError(ErrorCodes.ADMINISTRATOR_NOT_FOUND, 'no administrator has this email');
      }
      const masters = await manager.getRepository(Account).countBy({
        organizationId: org,
        role: Roles.MASTER_ADMIN,
        state: 'active',
        enabled: true,
      });
      if (masters > 0) {
        throw rpcError(
          ErrorCodes.CONFLICT,
          'this organization has an enabled Master Administrator: they change roles in Global Settings',
        );
      }
      await manager
        .getRepository(Account)
        .update(
          { id: account.id },
          { role: Roles.MASTER_ADMIN, enabled: true, updatedAt: new Date() },
        );
      // A Master Administrator manages the whole tree, not a list of groups.
      await manager.getRepository(AdministratorGroup).delete({ accountId: account.id });
      return this.view(manager, org, account.id);
    });
  }

  /** An organization keeps at least one enabled Master Administrator. */
  private async assertAnotherMaster(
    manager: EntityManager,
    organizationId: string,
    exceptId: string,
  ): Promise<void> {
    // Counts rows that lockMasters locked: a concurrent demotion has either committed
    // (and is counted) or waits for this transaction.
    const others = await manager.getRepository(Account).countBy({
      organizationId,
      role: Roles.MASTER_ADMIN,
      state: 'active',
      enabled: true,
      id: Not(exceptId),
    });
    if (others === 0) {
      throw rpcError(
        ErrorCodes.CONFLICT,
        'an organization keeps at least one enabled Master Administrator',
      );
    }
  }

  private async assertGroups(
    manager: EntityManager,
    context: ActorContext,
    groupIds: string[],
  ): Promise<void> {
    if (groupIds.length === 0) return;
    const found = await manager
      .getRepository(Group)
      .countBy({ id: In(groupIds), organizationId: context.organizationId });
    if (found !== groupIds.length) {
      throw rpcError(ErrorCodes.GROUP_NOT_FOUND, 'a Technician Group does not exist', {
        errors: [
          {
            field: 'groupIds',
            code: ErrorCodes.GROUP_NOT_FOUND,
            message: 'names a group that does not exist',
          },
        ],
      });
    }
  }

  private async groupIdsOf(
    manager: EntityManager,
    accountIds: string[],
  ): Promise<Map<string, string[]>> {
    if (accountIds.length === 0) return new Map();
    const rows = await manager
      .getRepository(AdministratorGroup)
      .findBy({ accountId: In(accountIds) });
    const byAccount = new Map<string, string[]>();
    for (const row of rows)
      byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row.groupId]);
    for (const ids of byAccount.values()) ids.sort();
    return byAccount;
  }

  private async view(
    manager: EntityManager,
    organizationId: string,
    accountId: string,
    mustChangePassword?: boolean,
  ): Promise<AdministratorView> {
    const account = await manager
      .getRepository(Account)
      .findOneByOrFail({ id: accountId, organizationId });
    const groups = await this.groupIdsOf(manager, [accountId]);
    return toView(account, groups.get(accountId) ?? [], mustChangePassword);
  }
}

/**
 * Locks every Master Administrator of the organization (in id order, so that two
 * transactions never hold them crosswise), for a check that counts them.
 */
async function lockMasters(manager: EntityManager, organizationId: string): Promise<void> {
  await manager.query(
    `SELECT id FROM accounts WHERE organization_id = $1 AND role = $2 ORDER BY id FOR UPDATE`,
    [organizationId, Roles.MASTER_ADMIN],
  );
}

function toView(
  account: Account,
  groupIds: string[],
  mustChangePassword?: boolean,
): AdministratorView {
  return {
    id: account.id,
    organizationId: account.organizationId,
    name: account.name,
    email: account.email,
    role: account.role as AdministratorView['role'],
    groupIds,
    enabled: account.enabled,
    ...(mustChangePassword === undefined ? {} : { mustChangePassword }),
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
