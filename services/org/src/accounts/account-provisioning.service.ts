import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import {
  accountPrincipal,
  CreateCredentialCommand,
  CreateCredentialReply,
  ErrorCodes,
  EventPatterns,
  IdentityPatterns,
  normalizeEmail,
  RevokeCredentialCommand,
  Roles,
  RpcErrorEnvelope,
  TechnicianDeletedEvent,
} from '@app/contracts';
import {
  InjectRpcClient,
  Outbox,
  PeriodicTask,
  RpcCallError,
  RpcClient,
  rpcError,
} from '@app/platform';
import { OrgSettings } from '../config/env';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { Account } from './account.entity';

const SWEEP_INTERVAL_MS = 5_000;

/** What a caller says of a new account. */
export type NewAccount = Pick<
  Account,
  'id' | 'organizationId' | 'role' | 'name' | 'email' | 'enabled'
>;

export interface CompletionHooks {
  /**
   * The caller inserted the account a moment ago, with a fresh deadline: no sweep can have
   * taken it, so the claim that guards a takeover is skipped (a round trip per account).
   */
  justInserted?: boolean;
  /** In the transaction that makes the account active (record the outcome, add events). */
  onActive?(manager: EntityManager, reply: CreateCredentialReply): Promise<void>;
  /** In the transaction that deletes the account identity refused. */
  onRefused?(manager: EntityManager, error: RpcErrorEnvelope): Promise<void>;
}

/**
 * An account and its credential live in two services and two databases; this is how they
 * never exist one without the other (see docs/adr/0004-accounts-across-services.md).
 *
 * 1. The caller inserts the account as `provisioning` (reserving the email), in its own
 *    transaction, with a deadline.
 * 2. `complete` asks identity to create the credential (idempotent by account id), then
 *    marks the account `active`.
 * 3. If identity refuses, the account is deleted. If the outcome is unknown (identity slow
 *    or down), the account is abandoned: a revoke is queued for identity, which tombstones
 *    the account so that the create, if it is still waiting in the queue, is refused
 *    later; then the row is deleted and the email is free again.
 * 4. If this process dies between the steps, the sweep abandons what passed its deadline.
 *    A redelivered command may instead take its account over before the deadline
 *    (`complete` again, with the same account id).
 * Deleting an active account goes the same way: `deleting`, revoke queued, row deleted.
 */
@Injectable()
export class AccountProvisioningService
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(AccountProvisioningService.name);
  private readonly sweeper = new PeriodicTask(
    () => this.sweep(),
    (err) => this.logger.warn({ err }, 'sweep failed; retrying later'),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
    private readonly outbox: Outbox,
    private readonly settings: OrgSettings,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** How long an unfinished account may wait for its credential before it is undone. */
  get windowMs(): number {
    return 3 * this.settings.RPC_TIMEOUT_MS;
  }

  /**
   * How long a batch of credentials may take (identity hashes it among other batches):
   * within the window, so that the sweep never undoes accounts whose answer may still come.
   */
  get batchCallTimeoutMs(): number {
    return 2 * this.settings.RPC_TIMEOUT_MS;
  }

  deadline(): Date {
    return new Date(Date.now() + this.windowMs);
  }

  /** Step 1, inside the caller's transaction. */
  async insertProvisioning(manager: EntityManager, account: NewAccount): Promise<Account> {
    const inserted = this.provisioningRow(account);
    // insert, not save: save would first look the new id up.
    await manager.getRepository(Account).insert(inserted);
    return inserted as Account;
  }

  /** The row of step 1 (a batch inserts many in one statement). */
  provisioningRow(account: NewAccount, deadline = this.deadline()) {
    return {
      ...account,
      emailNormalized: normalizeEmail(account.email),
      sortName: account.name.toLowerCase(),
      state: 'provisioning' as const,
      provisioningDeadline: deadline,
    };
  }

  /** Steps 2 and 3. Resolves when the account is active; otherwise it is undone and this throws. */
  async complete(
    account: Pick<Account, 'id' | 'organizationId'>,
    sealedPassword: string,
    setByAdministrator: boolean,
    hooks: CompletionHooks = {},
  ): Promise<CreateCredentialReply> {
    const accounts = this.dataSource.getRepository(Account);
    const claimed =
      hooks.justInserted ||
      !!(
        await accounts.update(
          { id: account.id, state: 'provisioning' },
          { provisioningDeadline: this.deadline() },
        )
      ).affected;
    if (!claimed) {
      const current = await accounts.findOneBy({ id: account.id });
      if (current?.state === 'active') return this.credentialOf(account);
      // Being undone by the sweep: the caller may try again once it is gone.
      throw new Error(`account ${account.id} is being undone`);
    }

    let reply: CreateCredentialReply;
    try {
      reply = await this.identity.send<CreateCredentialReply>(IdentityPatterns.credentialCreate, {
        accountId: account.id,
        organizationId: account.organizationId,
        sealedPassword,
        setByAdministrator,
      } satisfies CreateCredentialCommand);
    } catch (err) {
      if (err instanceof RpcCallError && !err.outcomeUnknown) {
        // Identity refused: it created nothing, there is nothing to revoke.
        await this.dataSource.transaction(async (manager) => {
          await hooks.onRefused?.(manager, err.envelope);
          await manager.getRepository(Account).delete({ id: account.id, state: 'provisioning' });
        });
      } else {
        await this.abandon(account.id, { onlyIfPastDeadline: false }).catch((abandonErr: unknown) =>
          this.logger.warn(
            { err: abandonErr, accountId: account.id },
            'abandon failed; the sweep will retry',
          ),
        );
      }
      throw err;
    }

    const outcome = await this.dataSource.transaction(async (manager) => {
      const activated = await manager
        .getRepository(Account)
        .update(
          { id: account.id, state: 'provisioning' },
          { state: 'active', provisioningDeadline: null },
        );
      if (activated.affected) {
        await hooks.onActive?.(manager, reply);
        return 'activated';
      }
      const current = await manager.getRepository(Account).findOneBy({ id: account.id });
      return current?.state === 'active' ? 'already-active' : 'undone';
    });
    if (outcome === 'undone') {
      // The sweep undid it while identity was answering (this call overran its deadline).
      throw rpcError(
        ErrorCodes.SERVICE_UNAVAILABLE,
        'the account could not be completed in time; try again',
      );
    }
    return reply;
  }

  /** Deletes an active account: its credential is revoked first, then the row goes. `by`: the principal, for the event. */
  async delete(accountId: string, by: string): Promise<void> {
    const claimed = await this.dataSource
      .getRepository(Account)
      .update(
        { id: accountId, state: 'active' },
        { state: 'deleting', provisioningDeadline: this.deadline(), deletedBy: by },
      );
    if (!claimed.affected) return;
    await this.finishUndo(accountId, 'deleting');
  }

  /**
   * Undoes an unfinished account: claims it, queues the revoke (confirmed by the broker),
   * deletes it. Safe to run twice and from any replica.
   */
  async abandon(accountId: string, options: { onlyIfPastDeadline: boolean }): Promise<boolean> {
    const claimed = await this.dataSource.getRepository(Account).update(
      {
        id: accountId,
        state: In(['provisioning', 'abandoning']),
        ...(options.onlyIfPastDeadline ? { provisioningDeadline: LessThan(new Date()) } : {}),
      },
      { state: 'abandoning', provisioningDeadline: this.deadline() },
    );
    if (!claimed.affected) return false;
    await this.finishUndo(accountId, 'abandoning');
    this.logger.warn({ accountId }, 'abandoned an unfinished account');
    return true;
  }

  private async finishUndo(accountId: string, state: 'abandoning' | 'deleting'): Promise<void> {
    await this.identity.enqueue(IdentityPatterns.credentialRevoke, {
      accountId,
    } satisfies RevokeCredentialCommand);
    await this.dataSource.transaction(async (manager) => {
      const account = await manager.getRepository(Account).findOneBy({ id: accountId, state });
      if (!account) return;
      await manager.getRepository(Account).delete({ id: accountId, state });
      if (state === 'abandoning') {
        // The command that was making it may run again, from the start.
        await this.idempotency.releaseUnfinished(manager, accountId);
        await deleteIfOrphan(manager, account.organizationId);
      }
      if (state === 'deleting' && account.role === Roles.TECHNICIAN) {
        const origin = {
          organizationId: account.organizationId,
          principal: account.deletedBy ?? accountPrincipal(accountId),
        };
        await this.outbox.add(manager, EventPatterns.technicianDeleted, origin, {
          technicianId: accountId,
        } satisfies TechnicianDeletedEvent);
      }
    });
  }

  /** Step 4: undo every unfinished account, and finish every deletion, past its deadline. */
  async sweep(): Promise<number> {
    const stale = await this.dataSource.getRepository(Account).find({
      select: { id: true, state: true },
      where: {
        state: In(['provisioning', 'abandoning', 'deleting']),
        provisioningDeadline: LessThan(new Date()),
      },
      take: 500,
    });
    let undone = 0;
    for (const { id, state } of stale) {
      if (state === 'deleting') {
        const claimed = await this.dataSource
          .getRepository(Account)
          .update(
            { id, state: 'deleting', provisioningDeadline: LessThan(new Date()) },
            { provisioningDeadline: this.deadline() },
          );
        if (claimed.affected) await this.finishUndo(id, 'deleting');
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

  private async credentialOf(account: Pick<Account, 'id'>): Promise<CreateCredentialReply> {
    const status = await this.identity.send<{ mustChangePassword: boolean }>(
      IdentityPatterns.credentialStatusGet,
      {
        accountId: account.id,
      },
    );
    return { accountId: account.id, mustChangePassword: status.mustChangePassword, created: false };
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
