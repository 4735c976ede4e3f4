import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  normalizeEmail,
  DeleteTechnicianCommand,
  EventPatterns,
  GetTechnicianQuery,
  IdentityPatterns,
  ListTechniciansQuery,
  MoveTechnicianCommand,
  Page,
  Roles,
  SetPasswordCommand,
  SetPasswordReply,
  SetTechnicianPasswordCommand,
  TechnicianMovedEvent,
  TechnicianPasswordResetEvent,
  TechnicianUpdatedEvent,
  TechnicianView,
  UpdateTechnicianCommand,
} from '@app/contracts';
import {
  decodeCursor,
  keysetPage,
  eventOrigin,
  InjectRpcClient,
  isUniqueViolation,
  Outbox,
  RpcClient,
} from '@app/platform';
import { AccountChanges } from '../accounts/account-rows';
import { AccountStore } from '../accounts/account.store';
import { AccountUndo } from '../accounts/account-undo.service';
import { emailTaken } from '../accounts/email-taken';
import { PasswordCheck } from '../accounts/password-check';
import { escapeLike } from '../sql/escape-like';
import { ScopePolicy } from '../scope/scope-policy';
import { Technician } from '../entities/technician.entity';
import { SSO_ID_INDEX, ssoIdOf, ssoIdTaken } from '../accounts/sso-id';
import { directoryColumns } from './technician-row';
import { technicianView, toTechnicianView } from './technician-view';
import { fieldChanges } from '../events/field-changes';

/**
 * Reading and changing technicians (`org.technician.get|update|move|delete|password.set|list.v1`);
 * creating one is TechnicianCreateService's, a batch TechnicianBatchCreation's.
 */
@Injectable()
export class TechniciansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
    private readonly accounts: AccountStore,
    private readonly undo: AccountUndo,
    private readonly outbox: Outbox,
    private readonly passwordCheck: PasswordCheck,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
  ) {}

  async get(query: GetTechnicianQuery): Promise<TechnicianView> {
    const context = await this.scope.administrator(query.actor);
    const { technician, account, group } = await this.scope.technician(context, query.technicianId);
    const status = await this.identity.send<{ mustChangePassword: boolean }>(
      IdentityPatterns.credentialStatusGet,
      {
        accountId: account.id,
      },
    );
    return toTechnicianView(
      account,
      technician,
      group,
      status.mustChangePassword,
      query.withDirectory,
    );
  }

  async update(command: UpdateTechnicianCommand): Promise<TechnicianView> {
    const context = await this.scope.administrator(command.actor);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { account, technician, group } = await this.scope.technician(
          context,
          command.technicianId,
          manager,
        );
        const before = toTechnicianView(account, technician, group);
        const accountChanges: AccountChanges = { updatedAt: new Date() };
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
        set('name', () => (accountChanges.name = command.name), command.name, account.name);
        set('email', () => (accountChanges.email = command.email), command.email, account.email);
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
          () => (accountChanges.ssoId = ssoIdOf(command.ssoId)),
          command.ssoId === undefined ? undefined : ssoIdOf(command.ssoId),
          account.ssoId,
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

        // Not a change of the technician as events show it: kept beside, for the directory.
        if (command.directory)
          Object.assign(technicianChanges, directoryColumns(command.directory));

        await this.accounts.update(manager, account.id, accountChanges);
        if (Object.keys(technicianChanges).length > 0) {
          await manager
            .getRepository(Technician)
            .update({ accountId: account.id }, technicianChanges);
        }
        const view = await technicianView(manager, context.organizationId, account.id);
        if (changed.length > 0) {
          await this.outbox.add(manager, EventPatterns.technicianUpdated, eventOrigin(context), {
            target: { type: 'technician', id: view.id, name: view.name },
            groupPaths: [group.path],
            changes: fieldChanges(before, view, changed as (keyof TechnicianView)[]),
            technician: view,
            changed,
          } satisfies TechnicianUpdatedEvent);
        }
        return view;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'accounts_email_uq')) throw emailTaken();
      if (isUniqueViolation(err, SSO_ID_INDEX)) throw ssoIdTaken();
      throw err;
    }
  }

  async move(command: MoveTechnicianCommand): Promise<TechnicianView> {
    const context = await this.scope.administrator(command.actor);
    return this.dataSource.transaction(async (manager) => {
      const { account, technician, group } = await this.scope.technician(
        context,
        command.technicianId,
        manager,
      );
      const target = await this.scope.group(context, command.groupId, manager);
      if (target.id !== technician.groupId) {
        await manager
          .getRepository(Technician)
          .update({ accountId: account.id }, { groupId: target.id });
        await this.accounts.update(manager, account.id, { updatedAt: new Date() });
        await this.outbox.add(manager, EventPatterns.technicianMoved, eventOrigin(context), {
          target: { type: 'technician', id: account.id, name: account.name },
          groupPaths: [group.path, target.path],
          changes: [{ field: 'groupId', before: technician.groupId, after: target.id }],
          technicianId: account.id,
          fromGroupId: technician.groupId,
          toGroupId: target.id,
          permissions: target.permissions,
        } satisfies TechnicianMovedEvent);
      }
      return technicianView(manager, context.organizationId, account.id);
    });
  }

  async delete(command: DeleteTechnicianCommand): Promise<{ id: string }> {
    const context = await this.scope.administrator(command.actor);
    const { account } = await this.scope.technician(context, command.technicianId);
    await this.undo.delete(account.id, eventOrigin(context).principal, context.origin);
    return { id: account.id };
  }

  async setPassword(command: SetTechnicianPasswordCommand): Promise<SetPasswordReply> {
    const context = await this.scope.administrator(command.actor);
    const { account, group } = await this.scope.technician(context, command.technicianId);
    // Checked, then sessions end, then set: a refused password changes nothing, and should
    // identity fail after the sessions ended, the old password has no session left.
    await this.passwordCheck.assertAllowed(context.organizationId, command.sealedPassword);
    await this.accounts.endSessions(account.id);
    const reply = await this.identity.send<SetPasswordReply>(
      IdentityPatterns.credentialPasswordSet,
      {
        accountId: account.id,
        organizationId: context.organizationId,
        sealedPassword: command.sealedPassword,
        setByAdministrator: true,
      } satisfies SetPasswordCommand,
    );
    // After identity set it (the change is identity's, not in org's transaction): a reset
    // identity refused is no event. No value of the password, only that it was set.
    await this.outbox.add(
      this.dataSource.manager,
      EventPatterns.technicianPasswordReset,
      eventOrigin(context),
      {
        target: { type: 'technician', id: account.id, name: account.name },
        groupPaths: [group.path],
        technicianId: account.id,
      } satisfies TechnicianPasswordResetEvent,
    );
    return reply;
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
    if (query.email) {
      builder.andWhere('a.email_normalized = :email', { email: normalizeEmail(query.email) });
    }
    if (query.externalId !== undefined) {
      builder.andWhere('t.external_id = :externalId', { externalId: query.externalId });
    }
    if (query.cursor) {
      const [sortName, id] = decodeCursor(query.cursor, ['text', 'uuid']);
      builder.andWhere('(a.sort_name, a.id) > (:sortName, :id)', { sortName, id });
    }
    const rows = await builder.getMany();
    const { page, nextCursor } = keysetPage(rows, limit, (last) => [
      last.account!.sortName,
      last.accountId,
    ]);
    return {
      items: page.map((t) =>
        toTechnicianView(t.account!, t, t.group!, undefined, query.withDirectory),
      ),
      nextCursor,
    };
  }
}
