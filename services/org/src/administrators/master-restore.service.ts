import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AdministratorUpdatedEvent,
  AdministratorView,
  ErrorCodes,
  EventPatterns,
  Roles,
} from '@app/contracts';
import { eventOrigin, Outbox, rpcError } from '@app/platform';
import { fieldChanges } from '../events/field-changes';
import { AccountStore } from '../accounts/account.store';
import { AdministratorGroup } from '../entities/administrator-group.entity';
import { administratorEventView, AdministratorViews } from './administrator-views';

/** `org.administrator.restore-master.v1` (`npm run org:restore-master`). */
@Injectable()
export class MasterRestoreService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountStore,
    private readonly views: AdministratorViews,
    private readonly outbox: Outbox,
  ) {}

  /**
   * The operator's way out of an organization left without an enabled Master Administrator
   * (by hand in the database, or a bootstrap email that changed role): the administrator
   * with this email becomes its enabled Master Administrator. Refused when the organization
   * has one, so that it never raises anyone above a working Master Administrator.
   */
  async restore(email: string): Promise<AdministratorView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.accounts.activeAdministratorByEmail(manager, email);
      if (!found) {
        throw rpcError(ErrorCodes.ADMINISTRATOR_NOT_FOUND, 'no administrator has this email');
      }
      const org = found.organizationId;
      // The organization's row, then its masters: two restores, or a restore and a master's
      // change, of one organization run one after the other and see each other's result.
      await manager.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [org]);
      await this.accounts.lockMasters(manager, org);
      const account = await this.accounts.lockedAdministrator(manager, { id: found.id });
      if (!account) {
        throw rpcError(ErrorCodes.ADMINISTRATOR_NOT_FOUND, 'no administrator has this email');
      }
      const masters = await this.accounts.enabledMasters(org, undefined, manager);
      if (masters > 0) {
        throw rpcError(
          ErrorCodes.CONFLICT,
          'this organization has an enabled Master Administrator: they change roles in Global Settings',
        );
      }
      const before = await this.views.view(manager, org, account.id);
      await this.accounts.update(manager, account.id, {
        role: Roles.MASTER_ADMIN,
        enabled: true,
        updatedAt: new Date(),
      });
      // A Master Administrator manages the whole tree, not a list of groups.
      await manager.getRepository(AdministratorGroup).delete({ accountId: account.id });
      const after = await this.views.view(manager, org, account.id);
      // An operator's command, with no account of its own: the event names the administrator
      // restored as the principal, and the command as the origin.
      const origin = eventOrigin({
        accountId: account.id,
        organizationId: org,
        origin: { channel: 'cli', command: 'org:restore-master' },
      });
      await this.outbox.add(manager, EventPatterns.administratorUpdated, origin, {
        target: { type: 'administrator', id: after.id, name: after.name },
        groupPaths: [],
        changes: fieldChanges(administratorEventView(before), administratorEventView(after), [
          'role',
          'groupIds',
          'enabled',
        ]),
        administrator: administratorEventView(after),
      } satisfies AdministratorUpdatedEvent);
      return after;
    });
  }
}
