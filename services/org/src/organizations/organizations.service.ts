import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateOrganizationCommand,
  CreateOrganizationReply,
  DEFAULT_MASTER_ADMINISTRATOR_NAME,
  Roles,
} from '@app/contracts';
import { isUniqueViolation } from '@app/platform';
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
      onRefused: async (manager, accountId) => {
        // The organization goes with its administrator: none without the other.
        const organization = await this.accounts.organizationOf(accountId, manager);
        await this.accounts.remove(manager, [accountId]);
        if (organization) await manager.getRepository(Organization).delete({ id: organization });
      },
    });
  }
}
