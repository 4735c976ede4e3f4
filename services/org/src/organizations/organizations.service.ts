import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateOrganizationCommand,
  CreateOrganizationReply,
  DEFAULT_MASTER_ADMINISTRATOR_NAME,
  Roles,
} from '@app/contracts';
import { eventOrigin, isUniqueViolation, Outbox } from '@app/platform';
import { publishOrganizationCreated } from './organization-created';
import { AccountCreationSaga } from '../accounts/account-creation.saga';
import { AccountStore } from '../accounts/account.store';
import { emailTaken } from '../accounts/email-taken';
import { Organization } from '../entities/organization.entity';
import { organizationCreateMeaning } from '../idempotency/command-meaning';
import { GLOBAL_SCOPE } from '../idempotency/idempotency.service';

/** A further organization with its Master Administrator (`npm run org:create`). */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly accounts: AccountStore,
    private readonly creation: AccountCreationSaga,
    private readonly outbox: Outbox,
  ) {}

  async create(command: CreateOrganizationCommand): Promise<CreateOrganizationReply> {
    const organizationId = randomUUID();
    return this.creation.create<CreateOrganizationReply>({
      scope: GLOBAL_SCOPE,
      key: command.idempotencyKey,
      meaning: organizationCreateMeaning(command),
      command,
      sealedPassword: command.sealedAdminPassword,
      // The operator chose it: the administrator need not change it.
      setByAdministrator: false,
      account: {
        organizationId,
        role: Roles.MASTER_ADMIN,
        name: command.adminName ?? DEFAULT_MASTER_ADMINISTRATOR_NAME,
        email: command.adminEmail,
        enabled: true,
      },
      beforeAccount: async (manager) => {
        await manager
          .getRepository(Organization)
          .insert({ id: organizationId, name: command.name });
      },
      refusalOf: (err) => (isUniqueViolation(err, 'accounts_email_uq') ? emailTaken() : undefined),
      // Read from the account: a repeat that took the create over made an id of its own.
      reply: async (manager, accountId) => ({
        organizationId: (await this.accounts.organizationOf(accountId, manager))!,
        administratorId: accountId,
      }),
      // An operator's command (npm run org:create), with no account of its own: the events
      // name the organization's new Master Administrator as the principal.
      onActive: async (manager, reply) => {
        const origin = eventOrigin({
          accountId: reply.administratorId,
          organizationId: reply.organizationId,
          origin: { channel: 'cli', command: 'org:create' },
        });
        const organization = await manager
          .getRepository(Organization)
          .findOneByOrFail({ id: reply.organizationId });
        const administrator = await this.accounts.get(
          manager,
          reply.administratorId,
          reply.organizationId,
        );
        await publishOrganizationCreated(this.outbox, manager, origin, organization, administrator);
      },
      onRefused: async (manager, accountId) => {
        // The organization goes with its administrator: none without the other.
        const organization = await this.accounts.organizationOf(accountId, manager);
        await this.accounts.remove(manager, [accountId]);
        if (organization) await manager.getRepository(Organization).delete({ id: organization });
      },
    });
  }
}
