import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AdministratorCreatedEvent,
  AdministratorUpdatedEvent,
  AdministratorView,
  CreateAdministratorCommand,
  EventPatterns,
  EventTarget,
  FieldChange,
  DEFAULT_PAGE_SIZE,
  ErrorCodes,
  IdentityPatterns,
  ListAdministratorsQuery,
  Page,
  Roles,
  SetPasswordCommand,
  SetPasswordReply,
  UpdateAdministratorCommand,
} from '@app/contracts';
import {
  eventOrigin,
  EventOrigin,
  InjectRpcClient,
  Outbox,
  isUniqueViolation,
  RpcClient,
  rpcError,
  decodeCursor,
  keysetPage,
} from '@app/platform';
import { AccountCreationSaga } from '../accounts/account-creation.saga';
import { AccountChanges } from '../accounts/account-rows';
import { AccountStore } from '../accounts/account.store';
import { emailTaken } from '../accounts/email-taken';
import { SSO_ID_INDEX, ssoIdOf, ssoIdTaken } from '../accounts/sso-id';
import { PasswordCheck } from '../accounts/password-check';
import { AdministratorGroup } from '../entities/administrator-group.entity';
import { Group } from '../entities/group.entity';
import { administratorCreateMeaning } from '../idempotency/command-meaning';
import { ActorContext, ScopePolicy } from '../scope/scope-policy';
import { fieldChanges } from '../events/field-changes';
import {
  administratorEventView,
  AdministratorViews,
  toAdministratorView,
} from './administrator-views';

/** What an administrator's events compare, by their REST names (never its password). */
const ADMINISTRATOR_FIELDS = ['name', 'email', 'ssoId', 'role', 'groupIds', 'enabled'] as const;

/** A password set by a Master Administrator: that it was set, never a value. */
const PASSWORD_SET: FieldChange = { field: 'password', before: null, after: '(set)' };

function administratorTarget(view: AdministratorView): EventTarget {
  return { type: 'administrator', id: view.id, name: view.name };
}

/** A unique index's refusal of a create or update as the conflict it is. */
const refusalOf = (err: unknown) =>
  isUniqueViolation(err, 'accounts_email_uq')
    ? emailTaken()
    : isUniqueViolation(err, SSO_ID_INDEX)
      ? ssoIdTaken()
      : undefined;

/** Administrators and Master Administrators of an organization; only a Master Administrator manages them. */
@Injectable()
export class AdministratorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
    private readonly accounts: AccountStore,
    private readonly creation: AccountCreationSaga,
    private readonly passwordCheck: PasswordCheck,
    private readonly views: AdministratorViews,
    private readonly outbox: Outbox,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
  ) {}

  async list(query: ListAdministratorsQuery): Promise<Page<AdministratorView>> {
    const context = await this.scope.masterAdministrator(query.actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.accounts.administratorsPage(
      context.organizationId,
      limit + 1,
      after as [string, string] | undefined,
    );
    const { page, nextCursor } = keysetPage(rows, limit, (last) => [last.sortName, last.id]);
    const groups = await this.views.groupIdsOf(
      this.dataSource.manager,
      page.map((a) => a.id),
    );
    return {
      items: page.map((account) => toAdministratorView(account, groups.get(account.id) ?? [])),
      nextCursor,
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
      account: {
        organizationId: org,
        role: command.role,
        name: command.name,
        email: command.email,
        ssoId: ssoIdOf(command.ssoId),
        enabled: true,
      },
      beforeAccount: (manager) => this.assertGroups(manager, context, groupIds),
      afterAccount: async (manager, accountId) => {
        if (groupIds.length > 0) {
          await manager
            .getRepository(AdministratorGroup)
            .insert(groupIds.map((groupId) => ({ accountId, groupId })));
        }
      },
      refusalOf,
      reply: (manager, accountId, credential) =>
        this.views.view(manager, org, accountId, credential.mustChangePassword),
      onActive: async (manager, view) => {
        await this.outbox.add(manager, EventPatterns.administratorCreated, eventOrigin(context), {
          target: administratorTarget(view),
          groupPaths: [],
          administrator: administratorEventView(view),
        } satisfies AdministratorCreatedEvent);
      },
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
    // Who and how, for the events: read with the actor inside the transaction.
    let origin: EventOrigin | undefined;
    try {
      view = await this.dataSource.transaction(async (manager) => {
        // The organization's masters first, always in the same order: two masters demoting
        // each other wait for one another here, and the second counts what the first left.
        await this.accounts.lockMasters(manager, org);
        const context = await this.scope.masterAdministrator(command.actor, manager);
        origin = eventOrigin(context);
        const account = await this.accounts.lockedAdministrator(manager, {
          id: command.administratorId,
          organizationId: org,
        });
        if (!account) throw rpcError(ErrorCodes.ADMINISTRATOR_NOT_FOUND, 'no such administrator');
        const before = await this.views.view(manager, org, account.id);
        const role = command.role ?? account.role;
        const enabled = command.enabled ?? account.enabled;
        if (account.role === Roles.MASTER_ADMIN && (role !== Roles.MASTER_ADMIN || !enabled)) {
          await this.assertAnotherMaster(manager, org, account.id);
        }
        const changes: AccountChanges = { role, enabled, updatedAt: new Date() };
        if (command.name !== undefined) changes.name = command.name;
        if (command.email !== undefined) changes.email = command.email;
        if (command.ssoId !== undefined) changes.ssoId = ssoIdOf(command.ssoId);
        // Tokens issued before a password set by an administrator stop working now.
        if (command.sealedPassword) changes.sessionsValidAfter = new Date();
        await this.accounts.update(manager, account.id, changes);
        if (command.groupIds !== undefined || role === Roles.MASTER_ADMIN) {
          const groupIds =
            role === Roles.ADMIN
              ? (command.groupIds ??
                (await this.views.groupIdsOf(manager, [account.id])).get(account.id) ??
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
        const after = await this.views.view(manager, org, account.id);
        const changed = fieldChanges(
          administratorEventView(before),
          administratorEventView(after),
          ADMINISTRATOR_FIELDS,
        );
        if (changed.length > 0) {
          await this.outbox.add(manager, EventPatterns.administratorUpdated, origin, {
            target: administratorTarget(after),
            groupPaths: [],
            changes: changed,
            administrator: administratorEventView(after),
          } satisfies AdministratorUpdatedEvent);
        }
        return after;
      });
    } catch (err) {
      throw refusalOf(err) ?? err;
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
    // After identity set it (the change is identity's): a set identity refused is no event.
    await this.outbox.add(this.dataSource.manager, EventPatterns.administratorUpdated, origin!, {
      target: administratorTarget(view),
      groupPaths: [],
      changes: [PASSWORD_SET],
      administrator: administratorEventView(view),
    } satisfies AdministratorUpdatedEvent);
    return { ...view, mustChangePassword: reply.mustChangePassword };
  }

  /** An organization keeps at least one enabled Master Administrator. */
  private async assertAnotherMaster(
    manager: EntityManager,
    organizationId: string,
    exceptId: string,
  ): Promise<void> {
    // Counts rows that lockMasters locked: a concurrent demotion has either committed
    // (and is counted) or waits for this transaction.
    const others = await this.accounts.enabledMasters(organizationId, exceptId, manager);
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
}
