import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CreateOrganizationCommand,
  CreateOrganizationReply,
  DEFAULT_MASTER_ADMINISTRATOR_NAME,
  Roles,
} from '@app/contracts';
import { isUniqueViolation } from '@app/platform';
import { AccountProvisioningService } from '../accounts/account-provisioning.service';
import { IdempotentAccountCreation } from '../accounts/idempotent-account-creation';
import { organizationCreateMeaning } from '../idempotency/command-meaning';
import { GLOBAL_SCOPE } from '../idempotency/idempotency.service';
import { emailTaken } from '../technicians/technician-conflicts';
import { Organization } from './organization.entity';

/** A further organization with its Master Administrator (`npm run org:create`). */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provisioning: AccountProvisioningService,
    private readonly creation: IdempotentAccountCreation,
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
      insert: async (manager, accountId) => {
        await manager
          .getRepository(Organization)
          .insert({ id: organizationId, name: command.name });
        await this.provisioning.insertProvisioning(manager, {
          id: accountId,
          organizationId,
          role: Roles.MASTER_ADMIN,
          name: command.adminName ?? DEFAULT_MASTER_ADMINISTRATOR_NAME,
          email: command.adminEmail,
          enabled: true,
        });
        return organizationId;
      },
      refusalOf: (err) => (isUniqueViolation(err, 'accounts_email_uq') ? emailTaken() : undefined),
      reply: async (manager, accountId) => {
        const [account] = await manager.query<{ organization_id: string }[]>(
          'SELECT organization_id FROM accounts WHERE id = $1',
          [accountId],
        );
        return { organizationId: account.organization_id, administratorId: accountId };
      },
      onRefused: async (manager, accountId) => {
        // The organization goes with its administrator: none without the other.
        const [account] = await manager.query<{ organization_id: string }[]>(
          'SELECT organization_id FROM accounts WHERE id = $1',
          [accountId],
        );
        await manager.query('DELETE FROM accounts WHERE id = $1', [accountId]);
        if (account)
          await manager.getRepository(Organization).delete({ id: account.organization_id });
      },
    });
  }
}
