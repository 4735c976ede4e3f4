import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  BatchItemResult,
  CreateCredentialBatchCommand,
  CreateCredentialBatchReply,
  CreateCredentialReply,
  CreateTechnicianBatchCommand,
  CreateTechnicianBatchItem,
  CreateTechnicianBatchReply,
  CreateTechnicianCommand,
  EventPatterns,
  IdentityPatterns,
  Roles,
  RpcErrorEnvelope,
  TechnicianView,
} from '@app/contracts';
import { eventOrigin, InjectRpcClient, Outbox, RpcClient, settleItem } from '@app/platform';
import { Account } from '../accounts/account.entity';
import { AccountProvisioningService } from '../accounts/account-provisioning.service';
import { Group } from '../groups/group.entity';
import { IdempotencyService, KeyUse } from '../idempotency/idempotency.service';
import { ActorContext, groupNotFound, ScopePolicy } from '../scope/scope-policy';
import { Technician } from './technician.entity';
import { toTechnicianView } from './technician-view';
import { emailTaken, ssoIdTaken, technicianRow, TechniciansService } from './technicians.service';

type Result = BatchItemResult<TechnicianView>;

/** An item this batch claimed: its key, its reserved account. */
interface Claimed {
  index: number;
  item: CreateTechnicianBatchItem;
  use: KeyUse;
  accountId: string;
}

const refused = (error: { getError(): unknown }): Result => ({
  ok: false,
  error: error.getError() as RpcErrorEnvelope,
});

/**
 * `org.technician.create-batch.v1`: the single create (TechniciansService.create) for a
 * batch of one actor, with the per-row round trips shared:
 * 1. one read of which keys were used already: those items (a redelivered or half-applied
 *    batch, a row retried singly) go through the single create, which answers a repeat,
 *    takes an unfinished one over or refuses a reused key;
 * 2. one transaction claims the new keys and reserves their accounts and technicians
 *    (multi-row INSERTs; a taken email or SSO ID refuses that item only);
 * 3. one message asks identity for the credentials;
 * 4. one transaction activates the accounts, stores each key's outcome and writes the
 *    `org.technician.created.v1` events.
 * A crash between the steps leaves what a crashed single create leaves (claimed keys,
 * provisioning accounts with a deadline), recovered the same way.
 */
@Injectable()
export class TechnicianBatchCreation {
  private readonly logger = new Logger(TechnicianBatchCreation.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
    private readonly technicians: TechniciansService,
    private readonly idempotency: IdempotencyService,
    private readonly provisioning: AccountProvisioningService,
    private readonly outbox: Outbox,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
  ) {}

  async create(command: CreateTechnicianBatchCommand): Promise<CreateTechnicianBatchReply> {
    const context = await this.scope.administrator(command.actor);
    const singles = command.items.map((item) => singleCommand(command, item));
    const results: (Result | undefined)[] = command.items.map(() => undefined);
    if (!command.dryRun) await this.createNew(context, command, singles, results);
    // Everything the batch left: repeats, dry runs, keys claimed meanwhile by another delivery.
    for (const [i, single] of singles.entries()) {
      results[i] ??= await settleItem(() => this.technicians.create(single));
    }
    return { results: results as Result[] };
  }

  private async createNew(
    context: ActorContext,
    command: CreateTechnicianBatchCommand,
    singles: CreateTechnicianCommand[],
    results: (Result | undefined)[],
  ): Promise<void> {
    const org = context.organizationId;
    const groups = await this.groupsInScope(context, command.items, results);
    const used = await this.idempotency.used(
      org,
      command.items.map((item) => item.idempotencyKey),
    );
    const seen = new Set<string>();
    const fresh: Claimed[] = [];
    command.items.forEach((item, index) => {
      if (results[index] || used.has(item.idempotencyKey) || seen.has(item.idempotencyKey)) return;
      seen.add(item.idempotencyKey);
      fresh.push({
        index,
        item,
        accountId: randomUUID(),
        use: {
          scope: org,
          key: item.idempotencyKey,
          fingerprint: this.idempotency.fingerprint(singles[index]),
          sealedPassword: item.sealedPassword,
        },
      });
    });
    if (fresh.length === 0) return;

    const reserved = await this.reserve(org, fresh, groups, results);
    if (reserved.length === 0) return;
    const credentials = await this.credentials(org, reserved, results);
    if (credentials.size === 0) return;
    await this.activate(context, reserved, credentials, results);
  }

  /** The items' groups, each checked once; an item whose group is out of reach is refused. */
  private async groupsInScope(
    context: ActorContext,
    items: CreateTechnicianBatchItem[],
    results: (Result | undefined)[],
  ): Promise<Map<string, Group>> {
    const groups = new Map<string, Group>();
    const refusals = new Map<string, Result>();
    for (const groupId of new Set(items.map((item) => item.groupId))) {
      const outcome = await settleItem(() => this.scope.group(context, groupId));
      if (outcome.ok) groups.set(groupId, outcome.reply);
      else refusals.set(groupId, outcome);
    }
    items.forEach((item, i) => (results[i] = refusals.get(item.groupId)));
    return groups;
  }

  /**
   * Claims the keys and reserves the accounts, in one transaction: what a single create's
   * claim does, three statements for the whole batch. Resolves to the items reserved; the
   * items refused (email or SSO ID taken, group gone) get their result and their key its
   * outcome; an item whose key another delivery claimed first is left to the single create.
   */
  private async reserve(
    org: string,
    fresh: Claimed[],
    groups: Map<string, Group>,
    results: (Result | undefined)[],
  ): Promise<Claimed[]> {
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
      const accounts = await this.insertAccounts(manager, org, withGroup);
      const withAccount = withGroup.filter((c) => {
        if (accounts.has(c.accountId)) return true;
        refusals.push({ claimed: c, result: refused(emailTaken()) });
        return false;
      });
      const technicians = await this.insertTechnicians(manager, org, withAccount, groups);
      const reserved = withAccount.filter((c) => {
        if (technicians.has(c.accountId)) return true;
        refusals.push({ claimed: c, result: refused(ssoIdTaken()) });
        return false;
      });
      const unreserved = withAccount.filter((c) => !technicians.has(c.accountId));
      if (unreserved.length > 0) {
        await manager.query('DELETE FROM accounts WHERE id = ANY($1::uuid[])', [
          unreserved.map((c) => c.accountId),
        ]);
      }
      await this.recordRefusals(manager, org, refusals, results);
      return reserved;
    });
  }

  private async lockGroups(manager: EntityManager, groupIds: string[]): Promise<Set<string>> {
    if (groupIds.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(
      'SELECT id FROM groups WHERE id = ANY($1::uuid[]) FOR KEY SHARE',
      [groupIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Provisioning accounts; an email already taken (or twice in the batch) is skipped. */
  private async insertAccounts(
    manager: EntityManager,
    org: string,
    items: Claimed[],
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const deadline = this.provisioning.deadline();
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Account)
      .values(
        items.map(({ item, accountId }) =>
          this.provisioning.provisioningRow(
            {
              id: accountId,
              organizationId: org,
              role: Roles.TECHNICIAN,
              name: item.name,
              email: item.email,
              enabled: item.enabled ?? true,
            },
            deadline,
          ),
        ),
      )
      .orIgnore()
      .returning('id')
      .execute();
    return new Set((inserted.raw as { id: string }[]).map((row) => row.id));
  }

  /** Their technicians; an SSO ID already used in the organization is skipped. */
  private async insertTechnicians(
    manager: EntityManager,
    org: string,
    items: Claimed[],
    groups: Map<string, Group>,
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Technician)
      .values(
        items.map(({ item, accountId }) =>
          technicianRow(item, accountId, org, groups.get(item.groupId)!.id),
        ),
      )
      .orIgnore()
      .returning('account_id')
      .execute();
    return new Set((inserted.raw as { account_id: string }[]).map((row) => row.account_id));
  }

  private async recordRefusals(
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

  /**
   * Identity's credentials for the reserved accounts, one message. An item identity
   * refuses is undone (its account deleted, its key's outcome the refusal). Without an
   * answer per item, every account is abandoned, as a single create does when identity's
   * answer is unknown, and the batch fails.
   */
  private async credentials(
    org: string,
    reserved: Claimed[],
    results: (Result | undefined)[],
  ): Promise<Map<string, CreateCredentialReply>> {
    let reply: CreateCredentialBatchReply;
    try {
      reply = await this.identity.send<CreateCredentialBatchReply>(
        IdentityPatterns.credentialCreateBatch,
        {
          organizationId: org,
          setByAdministrator: true,
          items: reserved.map((c) => ({
            accountId: c.accountId,
            sealedPassword: c.item.sealedPassword,
          })),
        } satisfies CreateCredentialBatchCommand,
        // Identity hashes the batch among others': longer than one call.
        this.provisioning.batchCallTimeoutMs,
      );
    } catch (err) {
      // Unknown, or the whole batch refused (an identity that does not know batches yet):
      // nothing is recorded as any item's outcome. The accounts are undone and the batch
      // fails; sent again (or row by row: the import does so on a refusal), it starts afresh.
      await this.abandonAll(reserved);
      throw err;
    }
    if (reply.results?.length !== reserved.length) {
      await this.abandonAll(reserved);
      throw new Error('identity answered a batch with a result per item missing');
    }
    const created = new Map<string, CreateCredentialReply>();
    const refusals: { claimed: Claimed; result: Result }[] = [];
    reserved.forEach((c, i) => {
      const outcome = reply.results[i];
      if (outcome.ok) created.set(c.accountId, outcome.reply);
      else refusals.push({ claimed: c, result: outcome });
    });
    if (refusals.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        await this.recordRefusals(manager, org, refusals, results);
        await manager.query(
          `DELETE FROM accounts WHERE id = ANY($1::uuid[]) AND state = 'provisioning'`,
          [refusals.map(({ claimed }) => claimed.accountId)],
        );
      });
    }
    return created;
  }

  private async abandonAll(reserved: Claimed[]): Promise<void> {
    for (const { accountId } of reserved) {
      await this.provisioning
        .abandon(accountId, { onlyIfPastDeadline: false })
        .catch((err: unknown) =>
          this.logger.warn({ err, accountId }, 'abandon failed; the sweep will retry'),
        );
    }
  }

  /**
   * Makes the accounts with a credential active, with each key's reply and each
   * technician's event, in one transaction. An account the sweep undid meanwhile (this
   * batch overran its deadline) is left out: its item goes through the single create.
   */
  private async activate(
    context: ActorContext,
    reserved: Claimed[],
    credentials: Map<string, CreateCredentialReply>,
    results: (Result | undefined)[],
  ): Promise<void> {
    const org = context.organizationId;
    await this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE with [rows, affected].
      const [activated]: [{ id: string }[]] = await manager.query(
        `UPDATE accounts SET state = 'active', provisioning_deadline = NULL
          WHERE id = ANY($1::uuid[]) AND state = 'provisioning'
         RETURNING id`,
        [[...credentials.keys()]],
      );
      const views = await this.views(
        manager,
        org,
        activated.map((row) => row.id),
      );
      const done = reserved.filter((c) => views.has(c.accountId));
      const replies = done.map((c) => {
        const view = views.get(c.accountId)!;
        return { ...view, mustChangePassword: credentials.get(c.accountId)!.mustChangePassword };
      });
      await this.idempotency.recordOutcomes(
        manager,
        org,
        done.map((c, i) => ({ key: c.use.key, outcome: { ok: true, reply: replies[i] } })),
      );
      await this.outbox.addMany(
        manager,
        EventPatterns.technicianCreated,
        eventOrigin(context),
        replies.map(({ mustChangePassword: _, ...technician }) => ({ technician })),
      );
      done.forEach((c, i) => (results[c.index] = { ok: true, reply: replies[i] }));
    });
  }

  private async views(
    manager: EntityManager,
    org: string,
    accountIds: string[],
  ): Promise<Map<string, TechnicianView>> {
    if (accountIds.length === 0) return new Map();
    const technicians = await manager
      .getRepository(Technician)
      .createQueryBuilder('technician')
      .innerJoinAndSelect('technician.account', 'account')
      .innerJoinAndSelect('technician.group', 'group')
      .where('technician.account_id = ANY(:ids) AND technician.organization_id = :org', {
        ids: accountIds,
        org,
      })
      .getMany();
    return new Map(
      technicians.map((t) => [t.accountId, toTechnicianView(t.account!, t, t.group!)]),
    );
  }
}

/** The item as the single create it stands for: same fingerprint, same outcome. */
function singleCommand(
  command: CreateTechnicianBatchCommand,
  item: CreateTechnicianBatchItem,
): CreateTechnicianCommand {
  return Object.assign(new CreateTechnicianCommand(), {
    actor: command.actor,
    ...item,
    dryRun: command.dryRun,
  });
}
