import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdministratorView, ErrorCodes, Roles } from '@app/contracts';
import { rpcError } from '@app/platform';
import { AccountStore } from '../accounts/account.store';
import { AdministratorGroup } from '../entities/administrator-group.entity';
import { AdministratorViews } from './administrator-views';

/** `org.administrator.restore-master.v1` (`npm run org:restore-master`). */
@Injectable()
export class MasterRestoreService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountStore,
    private readonly views: AdministratorViews,
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
      await this.accounts.update(manager, account.id, {
        role: Roles.MASTER_ADMIN,
        enabled: true,
        updatedAt: new Date(),
      });
      // A Master Administrator manages the whole tree, not a list of groups.
      await manager.getRepository(AdministratorGroup).delete({ accountId: account.id });
      return this.views.view(manager, org, account.id);
    });
  }
}
