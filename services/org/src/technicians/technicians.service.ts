import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CreateTechnicianCommand,
  DEFAULT_PAGE_SIZE,
  DeleteTechnicianCommand,
  ErrorCodes,
  EventPatterns,
  GetTechnicianQuery,
  IdentityPatterns,
  ListTechniciansQuery,
  MoveTechnicianCommand,
  normalizeEmail,
  Page,
  Roles,
  SetPasswordCommand,
  SetPasswordReply,
  SetTechnicianPasswordCommand,
  TechnicianFields,
  TechnicianView,
  UpdateTechnicianCommand,
} from '@app/contracts';
import {
  decodeCursor,
  encodeCursor,
  eventOrigin,
  InjectRpcClient,
  isForeignKeyViolation,
  isUniqueViolation,
  Outbox,
  RpcClient,
  rpcError,
} from '@app/platform';
import { Account } from '../accounts/account.entity';
import { AccountProvisioningService } from '../accounts/account-provisioning.service';
import { escapeLike } from '../groups/groups.service';
import { Group } from '../groups/group.entity';
import { IdempotentAccountCreation } from '../accounts/idempotent-account-creation';
import { PasswordCheck } from '../accounts/password-check';
import { ActorContext, groupNotFound, ScopePolicy } from '../scope/scope-policy';
import { Technician } from './technician.entity';
import { toTechnicianView } from './technician-view';

export const emailTaken = () =>
  rpcError(ErrorCodes.EMAIL_TAKEN, 'this email is already the login of another account', {
    errors: [{ field: 'email', code: ErrorCodes.EMAIL_TAKEN, message: 'is already in use' }],
  });
export const ssoIdTaken = () =>
  rpcError(ErrorCodes.SSO_ID_TAKEN, 'this Single Sign-On ID is already used in the organization', {
    errors: [{ field: 'ssoId', code: ErrorCodes.SSO_ID_TAKEN, message: 'is already in use' }],
  });

/** Undefined and empty mean "none" for the optional SSO ID. */
const ssoIdOf = (value: string | undefined | null) => (value ? value : null);

/** The technician row of a create (single or batch), its defaults applied. */
export function technicianRow(
  fields: TechnicianFields,
  accountId: string,
  organizationId: string,
  groupId: string,
): Partial<Technician> {
  return {
    accountId,
    organizationId,
    groupId,
    nickname: fields.nickname || fields.name,
    ssoId: ssoIdOf(fields.ssoId),
    description: fields.description ?? '',
    standardLicense: fields.standardLicense ?? true,
    mobileLicense: fields.mobileLicense ?? false,
  };
}

@Injectable()
export class TechniciansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
    private readonly provisioning: AccountProvisioningService,
    private readonly creation: IdempotentAccountCreation,
    private readonly outbox: Outbox,
    private readonly passwordCheck: PasswordCheck,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
  ) {}

  /**
   * The one way a technician is made (REST and import alike). Idempotent by key: a repeat
   * answers the first outcome; a repeat of one still running takes it over.
   */
  async create(command: CreateTechnicianCommand): Promise<TechnicianView> {
    const context = await this.scope.administrator(command.actor);
    const group = await this.scope.group(context, command.groupId);
    if (command.dryRun) return this.dryRun(context, group, command);

    const org = context.organizationId;
    return this.creation.create<TechnicianView>({
      scope: org,
      key: command.idempotencyKey,
      command,
      sealedPassword: command.sealedPassword,
      setByAdministrator: true,
      insert: async (manager, accountId) => {
        await this.provisioning.insertProvisioning(manager, {
          id: accountId,
          organizationId: org,
          role: Roles.TECHNICIAN,
          name: command.name,
          email: command.email,
          enabled: command.enabled ?? true,
        });
        await manager
          .getRepository(Technician)
          .insert(technicianRow(command, accountId, org, group.id));
        return org;
      },
      refusalOf: (err) =>
        isUniqueViolation(err, 'accounts_email_uq')
          ? emailTaken()
          : isUniqueViolation(err, 'technicians_sso_id_uq')
            ? ssoIdTaken()
            : isForeignKeyViolation(err)
              ? groupNotFound()
              : undefined,
      reply: (manager, accountId, credential) =>
        this.view(manager, org, accountId, credential.mustChangePassword),
      onActive: async (manager, view) => {
        const { mustChangePassword: _, ...technician } = view;
        await this.outbox.add(manager, EventPatterns.technicianCreated, eventOrigin(context), {
          technician,
        });
      },
    });
  }

  /** Every check a create makes, nothing created: the technician as it would be, without an id. */
  private async dryRun(
    context: ActorContext,
    group: Group,
    command: CreateTechnicianCommand,
  ): Promise<TechnicianView> {
    const accounts = this.dataSource.getRepository(Account);
    if (await accounts.existsBy({ emailNormalized: normalizeEmail(command.email) }))
      throw emailTaken();
    const ssoId = ssoIdOf(command.ssoId);
    if (
      ssoId &&
      (await this.dataSource
        .getRepository(Technician)
        .existsBy({ organizationId: context.organizationId, ssoId }))
    ) {
      throw ssoIdTaken();
    }
    await this.passwordCheck.assertAllowed(context.organizationId, command.sealedPassword);
    const now = new Date().toISOString();
    return {
      id: '',
      organizationId: context.organizationId,
      groupId: group.id,
      name: command.name,
      nickname: command.nickname || command.name,
      email: command.email,
      ssoId,
      description: command.description ?? '',
      enabled: command.enabled ?? true,
      standardLicense: command.standardLicense ?? true,
      mobileLicense: command.mobileLicense ?? false,
      permissions: group.permissions,
      createdAt: now,
      updatedAt: now,
    };
  }

  async get(query: GetTechnicianQuery): Promise<TechnicianView> {
    const context = await this.scope.administrator(query.actor);
    const { technician, account, group } = await this.scope.technician(context, query.technicianId);
    const status = await this.identity.send<{ mustChangePassword: boolean }>(
      IdentityPatterns.credentialStatusGet,
      {
        accountId: account.id,
      },
    );
    return toTechnicianView(account, technician, group, status.mustChangePassword);
  }

  async update(command: UpdateTechnicianCommand): Promise<TechnicianView> {
    const context = await this.scope.administrator(command.actor);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { account, technician } = await this.scope.technician(
          context,
          command.technicianId,
          manager,
        );
        const accountChanges: Partial<Account> = { updatedAt: new Date() };
        const technicianChanges: Partial<Technician> = {};
        const changed: string[] = [];
        const set = <K extends string>(
          field: K,
          apply: () => void,
          value: unknown,
          current: unknown,
        ) => {
          if (value !== undefined && value !== current) {
            apply();
            changed.push(field);
          }
        };
        set(
          'name',
          () =>
            Object.assign(accountChanges, {
              name: command.name,
              sortName: command.name!.toLowerCase(),
            }),
          command.name,
          account.name,
        );
        set(
          'email',
          () =>
            Object.assign(accountChanges, {
              email: command.email,
              emailNormalized: normalizeEmail(command.email!),
            }),
          command.email,
          account.email,
        );
        set(
          'enabled',
          () => (accountChanges.enabled = command.enabled),
          command.enabled,
          account.enabled,
        );
        set(
          'nickname',
          () => (technicianChanges.nickname = command.nickname || command.name || account.name),
          command.nickname,
          technician.nickname,
        );
        set(
          'ssoId',
          () => (technicianChanges.ssoId = ssoIdOf(command.ssoId)),
          command.ssoId === undefined ? undefined : ssoIdOf(command.ssoId),
          technician.ssoId,
        );
        set(
          'description',
          () => (technicianChanges.description = command.description),
          command.description,
          technician.description,
        );
        set(
          'standardLicense',
          () => (technicianChanges.standardLicense = command.standardLicense),
          command.standardLicense,
          technician.standardLicense,
        );
        set(
          'mobileLicense',
          () => (technicianChanges.mobileLicense = command.mobileLicense),
          command.mobileLicense,
          technician.mobileLicense,
        );

        await manager.getRepository(Account).update({ id: account.id }, accountChanges);
        if (Object.keys(technicianChanges).length > 0) {
          await manager
            .getRepository(Technician)
            .update({ accountId: account.id }, technicianChanges);
        }
        const view = await this.view(manager, context.organizationId, account.id);
        if (changed.length > 0) {
          await this.outbox.add(manager, EventPatterns.technicianUpdated, eventOrigin(context), {
            technician: view,
            changed,
          });
        }
        return view;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'accounts_email_uq')) throw emailTaken();
      if (isUniqueViolation(err, 'technicians_sso_id_uq')) throw ssoIdTaken();
      throw err;
    }
  }

  async move(command: MoveTechnicianCommand): Promise<TechnicianView> {
    const context = await this.scope.administrator(command.actor);
    return this.dataSource.transaction(async (manager) => {
      const { account, technician } = await this.scope.technician(
        context,
        command.technicianId,
        manager,
      );
      const target = await this.scope.group(context, command.groupId, manager);
      if (target.id !== technician.groupId) {
        await manager
          .getRepository(Technician)
          .update({ accountId: account.id }, { groupId: target.id });
        await manager.getRepository(Account).update({ id: account.id }, { updatedAt: new Date() });
        await this.outbox.add(manager, EventPatterns.technicianMoved, eventOrigin(context), {
          technicianId: account.id,
          fromGroupId: technician.groupId,
          toGroupId: target.id,
          permissions: target.permissions,
        });
      }
      return this.view(manager, context.organizationId, account.id);
    });
  }

  async delete(command: DeleteTechnicianCommand): Promise<{ id: string }> {
    const context = await this.scope.administrator(command.actor);
    const { account } = await this.scope.technician(context, command.technicianId);
    await this.provisioning.delete(account.id, eventOrigin(context).principal);
    return { id: account.id };
  }

  async setPassword(command: SetTechnicianPasswordCommand): Promise<SetPasswordReply> {
    const context = await this.scope.administrator(command.actor);
    const { account } = await this.scope.technician(context, command.technicianId);
    // Checked, then sessions end, then set: a refused password changes nothing, and should
    // identity fail after the sessions ended, the old password has no session left.
    await this.passwordCheck.assertAllowed(context.organizationId, command.sealedPassword);
    await this.dataSource
      .getRepository(Account)
      .update({ id: account.id }, { sessionsValidAfter: new Date() });
    return this.identity.send<SetPasswordReply>(IdentityPatterns.credentialPasswordSet, {
      accountId: account.id,
      organizationId: context.organizationId,
      sealedPassword: command.sealedPassword,
      setByAdministrator: true,
    } satisfies SetPasswordCommand);
  }

  /** Technicians within the caller's scope, by name, with an opaque keyset cursor. */
  async list(query: ListTechniciansQuery): Promise<Page<TechnicianView>> {
    const context = await this.scope.administrator(query.actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const builder = this.dataSource
      .getRepository(Technician)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.account', 'a')
      .innerJoinAndSelect('t.group', 'g')
      .where('t.organization_id = :org', { org: context.organizationId })
      // Said of the account too, so that accounts_listing_idx (organization, role, name)
      // yields technicians in order and a page stops after `limit` rows, not a sort of all.
      .andWhere('a.organization_id = :org AND a.role = :role', { role: Roles.TECHNICIAN })
      .andWhere(`a.state = 'active'`)
      .orderBy('a.sortName')
      .addOrderBy('a.id')
      // One row per technician (the joins are one-to-one), so a plain LIMIT pages correctly.
      .limit(limit + 1);
    if (query.groupId) {
      const group = await this.scope.group(context, query.groupId);
      builder.andWhere('t.group_id = :groupId', { groupId: group.id });
    } else if (context.role !== Roles.MASTER_ADMIN) {
      if (context.scopePaths.length === 0) return { items: [], nextCursor: null };
      builder.andWhere('g.path LIKE ANY(:paths)', {
        paths: context.scopePaths.map((p) => `${escapeLike(p)}%`),
      });
    }
    if (query.q) {
      builder.andWhere('(a.sort_name LIKE :q OR a.email_normalized LIKE :q)', {
        q: `%${escapeLike(query.q.toLowerCase())}%`,
      });
    }
    if (query.cursor) {
      const [sortName, id] = decodeCursor(query.cursor, ['text', 'uuid']);
      builder.andWhere('(a.sort_name, a.id) > (:sortName, :id)', { sortName, id });
    }
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((t) => toTechnicianView(t.account!, t, t.group!)),
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.account!.sortName, last.accountId]) : null,
    };
  }

  private async view(
    manager: EntityManager,
    organizationId: string,
    accountId: string,
    mustChangePassword?: boolean,
  ): Promise<TechnicianView> {
    // One query (find with relations would add a DISTINCT query for its implicit limit).
    const technician = await manager
      .getRepository(Technician)
      .createQueryBuilder('technician')
      .innerJoinAndSelect('technician.account', 'account')
      .innerJoinAndSelect('technician.group', 'group')
      .where(
        'technician.account_id = :accountId AND technician.organization_id = :organizationId',
        {
          accountId,
          organizationId,
        },
      )
      .getOneOrFail();
    return toTechnicianView(technician.account!, technician, technician.group!, mustChangePassword);
  }
}
