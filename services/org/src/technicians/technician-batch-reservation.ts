import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { normalizeEmail, Roles, TECHNICIAN_DEFAULTS } from '@app/contracts';
import { AccountDeadlines } from '../accounts/account-deadlines';
import { AccountStore } from '../accounts/account.store';
import { emailTaken } from '../accounts/email-taken';
import { Group } from '../entities/group.entity';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { groupNotFound } from '../scope/scope-policy';
import { Claimed, refused, Result } from './technician-batch-item';
import { ssoIdOf, ssoIdTaken } from '../accounts/sso-id';
import { technicianRow } from './technician-row';
import { Technician } from '../entities/technician.entity';

/** Step 2 of a batch (see TechnicianBatchCreation): keys claimed, accounts reserved. */
@Injectable()
export class TechnicianBatchReservation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly accounts: AccountStore,
    private readonly deadlines: AccountDeadlines,
  ) {}

  /**
   * Claims the keys and reserves the accounts, in one transaction: what a single create's
   * claim does, three statements for the whole batch. Resolves to the items reserved and to
   * those refused (email or SSO ID taken, group gone), which got their result and their key
   * its outcome; an item whose key another delivery claimed first is in neither, left to the
   * single create.
   */
  async reserve(
    org: string,
    fresh: Claimed[],
    groups: Map<string, Group>,
    results: (Result | undefined)[],
  ): Promise<{ reserved: Claimed[]; refusals: Claimed[] }> {
    return this.dataSource.transaction(async (manager) => {
      const claimedKeys = await this.idempotency.claimMany(
        manager,
        fresh.map((c) => ({ ...c.use, accountId: c.accountId })),
      );
      const claimed = fresh.filter((c) => claimedKeys.has(c.use.key));
      // Held until commit, so that a group cannot be deleted under the new technicians.
      const present = await this.lockGroups(manager, [
        ...new Set(claimed.map((c) => c.item.groupId)),
      ]);
      const refusals: { claimed: Claimed; result: Result }[] = [];
      const withGroup = claimed.filter((c) => {
        if (present.has(c.item.groupId)) return true;
        refusals.push({ claimed: c, result: refused(groupNotFound()) });
        return false;
      });
      const accounts = await this.accounts.insertMany(
        manager,
        withGroup.map(({ item, accountId }) => ({
          id: accountId,
          organizationId: org,
          role: Roles.TECHNICIAN,
          name: item.name,
          email: item.email,
          ssoId: ssoIdOf(item.ssoId),
          enabled: item.enabled ?? TECHNICIAN_DEFAULTS.enabled,
        })),
        this.deadlines.next(),
      );
      // One ON CONFLICT skipped both a taken email and a taken SSO ID: the email is said
      // first, as it was when the SSO ID was the technician's, inserted after the account.
      const emailsTaken = await this.accounts.emailsInUse(
        manager,
        withGroup.filter((c) => !accounts.has(c.accountId)).map((c) => c.item.email),
      );
      const reserved = withGroup.filter((c) => {
        if (accounts.has(c.accountId)) return true;
        const byEmail = emailsTaken.has(normalizeEmail(c.item.email));
        refusals.push({ claimed: c, result: refused(byEmail ? emailTaken() : ssoIdTaken()) });
        return false;
      });
      await this.insertTechnicians(manager, org, reserved, groups);
      await this.recordRefusals(manager, org, refusals, results);
      return { reserved, refusals: refusals.map((r) => r.claimed) };
    });
  }

  /** The refusals as the items' results and their keys' outcomes. */
  async recordRefusals(
    manager: EntityManager,
    org: string,
    refusals: { claimed: Claimed; result: Result }[],
    results: (Result | undefined)[],
  ): Promise<void> {
    await this.idempotency.recordOutcomes(
      manager,
      org,
      refusals.map(({ claimed, result }) => ({ key: claimed.use.key, outcome: result as never })),
    );
    for (const { claimed, result } of refusals) results[claimed.index] = result;
  }

  private async lockGroups(manager: EntityManager, groupIds: string[]): Promise<Set<string>> {
    if (groupIds.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(
      'SELECT id FROM groups WHERE id = ANY($1::uuid[]) FOR KEY SHARE',
      [groupIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Their technicians, in one statement (their accounts are new: nothing can conflict). */
  private async insertTechnicians(
    manager: EntityManager,
    org: string,
    items: Claimed[],
    groups: Map<string, Group>,
  ): Promise<void> {
    if (items.length === 0) return;
    await manager
      .getRepository(Technician)
      .insert(
        items.map(({ item, accountId }) =>
          technicianRow(item, accountId, org, groups.get(item.groupId)!.id),
        ),
      );
  }
}
