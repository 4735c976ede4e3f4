import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { AdministratorEventView, AdministratorView } from '@app/contracts';
import { AccountStore } from '../accounts/account.store';
import type { Account } from '../entities/account.entity';
import { AdministratorGroup } from '../entities/administrator-group.entity';

/** Administrators as the API shows them: the account with the groups it manages. */
@Injectable()
export class AdministratorViews {
  constructor(private readonly accounts: AccountStore) {}

  /** The groups each administrator manages, sorted. */
  async groupIdsOf(manager: EntityManager, accountIds: string[]): Promise<Map<string, string[]>> {
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

  async view(
    manager: EntityManager,
    organizationId: string,
    accountId: string,
    mustChangePassword?: boolean,
  ): Promise<AdministratorView> {
    const account = await this.accounts.get(manager, accountId, organizationId);
    const groups = await this.groupIdsOf(manager, [accountId]);
    return toAdministratorView(account, groups.get(accountId) ?? [], mustChangePassword);
  }
}

export function toAdministratorView(
  account: Account,
  groupIds: string[],
  mustChangePassword?: boolean,
): AdministratorView {
  return {
    id: account.id,
    organizationId: account.organizationId,
    name: account.name,
    email: account.email,
    ssoId: account.ssoId,
    role: account.role as AdministratorView['role'],
    groupIds,
    enabled: account.enabled,
    ...(mustChangePassword === undefined ? {} : { mustChangePassword }),
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

/** An administrator as its events show it: what an administrator may change of it, no password. */
export function administratorEventView(view: AdministratorView): AdministratorEventView {
  const { id, name, email, ssoId, role, groupIds, enabled } = view;
  return { id, name, email, ssoId, role, groupIds, enabled };
}
