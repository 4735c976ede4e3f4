import { Injectable } from '@nestjs/common';
import {
  CreateTechnicianCommand,
  EventPatterns,
  Roles,
  TECHNICIAN_DEFAULTS,
  TechnicianCreatedEvent,
  TechnicianView,
} from '@app/contracts';
import { eventOrigin, isForeignKeyViolation, isUniqueViolation, Outbox } from '@app/platform';
import { AccountCreationSaga } from '../accounts/account-creation.saga';
import { AccountStore } from '../accounts/account.store';
import { emailTaken } from '../accounts/email-taken';
import { PasswordCheck } from '../accounts/password-check';
import { Group } from '../entities/group.entity';
import { technicianCreateMeaning } from '../idempotency/command-meaning';
import { ActorContext, groupNotFound, ScopePolicy } from '../scope/scope-policy';
import { SSO_ID_INDEX, ssoIdOf, ssoIdTaken } from '../accounts/sso-id';
import { technicianRow } from './technician-row';
import { Technician } from '../entities/technician.entity';
import { technicianView } from './technician-view';
import { rowOrigin } from '../events/row-origin';

/** `org.technician.create.v1`: the one way a technician is made (REST and import alike). */
@Injectable()
export class TechnicianCreateService {
  constructor(
    private readonly scope: ScopePolicy,
    private readonly accounts: AccountStore,
    private readonly creation: AccountCreationSaga,
    private readonly outbox: Outbox,
    private readonly passwordCheck: PasswordCheck,
  ) {}

  /**
   * Idempotent by key: a repeat of the same actor answers the first outcome before the group
   * is looked at (it may have been moved out of reach or deleted since); a repeat of one
   * still running takes it over.
   */
  async create(command: CreateTechnicianCommand): Promise<TechnicianView> {
    const context = await this.scope.administrator(command.actor);
    if (command.dryRun)
      return this.dryRun(context, await this.scope.group(context, command.groupId), command);

    const org = context.organizationId;
    return this.creation.create<TechnicianView>({
      scope: org,
      key: command.idempotencyKey,
      meaning: technicianCreateMeaning(command),
      command,
      sealedPassword: command.sealedPassword,
      setByAdministrator: true,
      account: {
        organizationId: org,
        role: Roles.TECHNICIAN,
        name: command.name,
        email: command.email,
        ssoId: ssoIdOf(command.ssoId),
        enabled: command.enabled ?? TECHNICIAN_DEFAULTS.enabled,
      },
      // The group checked under the key's claim: a repeat answers before it is looked at.
      beforeAccount: async (manager) => {
        await this.scope.group(context, command.groupId, manager);
      },
      afterAccount: async (manager, accountId) => {
        await manager
          .getRepository(Technician)
          .insert(technicianRow(command, accountId, org, command.groupId, command.directory));
      },
      refusalOf: (err) =>
        isUniqueViolation(err, 'accounts_email_uq')
          ? emailTaken()
          : isUniqueViolation(err, SSO_ID_INDEX)
            ? ssoIdTaken()
            : isForeignKeyViolation(err)
              ? groupNotFound()
              : undefined,
      reply: (manager, accountId, credential) =>
        technicianView(manager, org, accountId, credential.mustChangePassword),
      onActive: async (manager, view) => {
        const { mustChangePassword: _, ...technician } = view;
        const group = await manager.getRepository(Group).findOneByOrFail({ id: view.groupId });
        const origin = { ...context, origin: rowOrigin(context.origin, command.row) };
        await this.outbox.add(manager, EventPatterns.technicianCreated, eventOrigin(origin), {
          target: { type: 'technician', id: view.id, name: view.name },
          groupPaths: [group.path],
          technician,
        } satisfies TechnicianCreatedEvent);
      },
    });
  }

  /** Every check a create makes, nothing created: the technician as it would be, without an id. */
  private async dryRun(
    context: ActorContext,
    group: Group,
    command: CreateTechnicianCommand,
  ): Promise<TechnicianView> {
    if (await this.accounts.emailInUse(command.email)) throw emailTaken();
    const ssoId = ssoIdOf(command.ssoId);
    if (ssoId && (await this.accounts.ssoIdInUse(context.organizationId, ssoId)))
      throw ssoIdTaken();
    if (command.sealedPassword !== undefined)
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
      enabled: command.enabled ?? TECHNICIAN_DEFAULTS.enabled,
      standardLicense: command.standardLicense ?? TECHNICIAN_DEFAULTS.standardLicense,
      mobileLicense: command.mobileLicense ?? TECHNICIAN_DEFAULTS.mobileLicense,
      permissions: group.permissions,
      createdAt: now,
      updatedAt: now,
    };
  }
}
