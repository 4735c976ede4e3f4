import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  accountPrincipal,
  ChangeOrigin,
  EventPatterns,
  IdentityPatterns,
  RevokeCredentialCommand,
  Roles,
  TechnicianDeletedEvent,
} from '@app/contracts';
import { eventOrigin, InjectRpcClient, Outbox, PeriodicTask, RpcClient } from '@app/platform';
import { Technician } from '../entities/technician.entity';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { AccountDeadlines } from './account-deadlines';
import { AccountStore } from './account.store';

const SWEEP_INTERVAL_MS = 5_000;
/** Accounts the sweep looks at in one round. */
const SWEEP_BATCH = 500;

/**
 * Undoing an account that has (or may have) a credential in identity: an unfinished one
 * (abandoning) or an active one an administrator deletes (deleting). Either way the row is
 * claimed first, identity's revoke is queued (confirmed by the broker; identity tombstones
 * the account, so that a create still waiting in its queue is refused later), then the row
 * is deleted. Safe to run twice and from any replica; the sweep finishes whatever passed
 * its deadline (see docs/adr/0004-accounts-across-services.md).
 */
@Injectable()
export class AccountUndo implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AccountUndo.name);
  private readonly sweeper = new PeriodicTask(
    () => this.sweep(),
    (err) => this.logger.warn({ err }, 'sweep failed; retrying later'),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
    private readonly accounts: AccountStore,
    private readonly deadlines: AccountDeadlines,
    private readonly outbox: Outbox,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Deletes an active account: its credential is revoked first, then the row goes. `by`: the
   * principal, and `via` the way the command came, for the event (kept on the row: the sweep
   * may finish the deletion in another process).
   */
  async delete(accountId: string, by: string, via?: ChangeOrigin): Promise<void> {
    if (!(await this.accounts.claimDeletion(accountId, by, this.deadlines.next(), via))) return;
    await this.finish(accountId, 'deleting');
  }

  /** Undoes an unfinished account; whether this call undid it. */
  async abandon(accountId: string, options: { onlyIfPastDeadline: boolean }): Promise<boolean> {
    const claimed = await this.accounts.claimAbandon(
      accountId,
      this.deadlines.next(),
      options.onlyIfPastDeadline,
    );
    if (!claimed) return false;
    await this.finish(accountId, 'abandoning');
    this.logger.warn({ accountId }, 'abandoned an unfinished account');
    return true;
  }

  /** Abandons, and says in the log rather than throwing when it fails: the sweep retries. */
  async abandonOrLeaveToSweep(accountId: string): Promise<void> {
    await this.abandon(accountId, { onlyIfPastDeadline: false }).catch((err: unknown) =>
      this.logger.warn({ err, accountId }, 'abandon failed; the sweep will retry'),
    );
  }

  /** Undoes every unfinished account, and finishes every deletion, past its deadline. */
  async sweep(): Promise<number> {
    let undone = 0;
    for (const { id, state } of await this.accounts.stale(SWEEP_BATCH)) {
      if (state === 'deleting') {
        if (await this.accounts.reclaimDeletion(id, this.deadlines.next())) {
          await this.finish(id, 'deleting');
        }
      } else if (await this.abandon(id, { onlyIfPastDeadline: true })) {
        undone++;
      }
    }
    return undone;
  }

  onApplicationBootstrap(): void {
    this.sweeper.start(SWEEP_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }

  private async finish(accountId: string, state: 'abandoning' | 'deleting'): Promise<void> {
    await this.identity.enqueue(IdentityPatterns.credentialRevoke, {
      accountId,
    } satisfies RevokeCredentialCommand);
    await this.dataSource.transaction(async (manager) => {
      // Its group's path, read before the row goes (the technician row goes with it).
      const technician = await manager
        .getRepository(Technician)
        .findOne({ where: { accountId }, relations: { group: true } });
      const account = await this.accounts.finishUndo(manager, accountId, state);
      if (!account) return;
      if (state === 'abandoning') {
        // The command that was making it may run again, from the start.
        await this.idempotency.releaseUnfinished(manager, accountId);
        await deleteIfOrphan(manager, account.organizationId);
      }
      if (state === 'deleting' && account.role === Roles.TECHNICIAN) {
        const origin = eventOrigin({
          accountId,
          organizationId: account.organizationId,
          principal: account.deletedBy ?? accountPrincipal(accountId),
          origin: account.deletedVia ?? undefined,
        });
        await this.outbox.add(manager, EventPatterns.technicianDeleted, origin, {
          target: { type: 'technician', id: accountId, name: account.name },
          groupPaths: technician?.group ? [technician.group.path] : [],
          technicianId: accountId,
        } satisfies TechnicianDeletedEvent);
      }
    });
  }
}

/**
 * An organization made together with its first Master Administrator (org:create) goes with
 * it when that administrator is undone: nobody could ever sign in to it. One that has
 * accounts or groups, or the bootstrap organization (the bootstrap makes its administrator
 * again), stays.
 */
async function deleteIfOrphan(manager: EntityManager, organizationId: string): Promise<void> {
  await manager.query(
    `DELETE FROM organizations o
      WHERE o.id = $1 AND NOT o.created_by_bootstrap
        AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = o.id)
        AND NOT EXISTS (SELECT 1 FROM groups g WHERE g.organization_id = o.id)`,
    [organizationId],
  );
}
