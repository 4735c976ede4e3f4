import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CreateCredentialBatchCommand,
  CreateCredentialBatchReply,
  CreateCredentialReply,
  ErrorCodes,
  EventPatterns,
  IdentityPatterns,
  TechnicianCreatedEvent,
  TechnicianView,
} from '@app/contracts';
import { eventOrigin, InjectRpcClient, Outbox, RpcClient } from '@app/platform';
import { AccountDeadlines } from '../accounts/account-deadlines';
import { AccountUndo } from '../accounts/account-undo.service';
import { AccountStore } from '../accounts/account.store';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { ActorContext } from '../scope/scope-policy';
import { Claimed, Result } from './technician-batch-item';
import { TechnicianBatchReservation } from './technician-batch-reservation';
import { Technician } from '../entities/technician.entity';
import { toTechnicianView } from './technician-view';
import { rowOrigin } from '../events/row-origin';

/** Steps 3 and 4 of a batch (see TechnicianBatchCreation): credentials, then activation. */
@Injectable()
export class TechnicianBatchCompletion {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reservation: TechnicianBatchReservation,
    private readonly idempotency: IdempotencyService,
    private readonly accounts: AccountStore,
    private readonly deadlines: AccountDeadlines,
    private readonly undo: AccountUndo,
    private readonly outbox: Outbox,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
  ) {}

  /**
   * Identity's credentials for the reserved accounts, one message. An item identity
   * refuses is undone (its account deleted, its key's outcome the refusal, added to
   * `refusals`), except one whose password was sealed to a key identity no longer holds:
   * its key is let go, for the sender to seal it again. Without an answer per item, every
   * account is abandoned, as a single create does when identity's answer is unknown, and
   * the batch fails.
   */
  async credentials(
    org: string,
    reserved: Claimed[],
    results: (Result | undefined)[],
    refusals: Claimed[],
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
        this.deadlines.batchCallTimeoutMs,
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
    const outcomes: { claimed: Claimed; result: Result }[] = [];
    const unsealed: Claimed[] = [];
    reserved.forEach((c, i) => {
      const outcome = reply.results[i];
      if (outcome.ok) created.set(c.accountId, outcome.reply);
      else if (outcome.error.code === ErrorCodes.SEALING_KEY_UNKNOWN) {
        unsealed.push(c);
        results[c.index] = outcome;
      } else outcomes.push({ claimed: c, result: outcome });
    });
    const undone = [...outcomes.map(({ claimed }) => claimed), ...unsealed];
    if (undone.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        await this.reservation.recordRefusals(manager, org, outcomes, results);
        await this.idempotency.release(
          manager,
          org,
          unsealed.map((c) => c.use.key),
        );
        await this.accounts.refuse(
          manager,
          undone.map((c) => c.accountId),
        );
      });
      refusals.push(...outcomes.map(({ claimed }) => claimed));
    }
    return created;
  }

  private async abandonAll(reserved: Claimed[]): Promise<void> {
    for (const { accountId } of reserved) await this.undo.abandonOrLeaveToSweep(accountId);
  }

  /**
   * Makes the accounts with a credential active, with each key's reply (and the digest of
   * its password in place of its box) and each technician's event, in one transaction. An
   * account the sweep undid meanwhile (this batch overran its deadline) is left out: its
   * item goes through the single create.
   */
  async activate(
    context: ActorContext,
    reserved: Claimed[],
    credentials: Map<string, CreateCredentialReply>,
    results: (Result | undefined)[],
  ): Promise<void> {
    const org = context.organizationId;
    await this.dataSource.transaction(async (manager) => {
      const activated = await this.accounts.activate(manager, [...credentials.keys()]);
      const { views, paths } = await this.views(manager, org, activated);
      const done = reserved.filter((c) => views.has(c.accountId));
      const replies = done.map((c) => {
        const view = views.get(c.accountId)!;
        return { ...view, mustChangePassword: credentials.get(c.accountId)!.mustChangePassword };
      });
      await this.idempotency.recordOutcomes(
        manager,
        org,
        done.map((c, i) => ({
          key: c.use.key,
          outcome: { ok: true, reply: replies[i] },
          passwordDigest: credentials.get(c.accountId)!.passwordDigest,
        })),
      );
      // One event each, under its own origin: an import's item names its row.
      for (const [i, c] of done.entries()) {
        const { mustChangePassword: _, ...technician } = replies[i];
        const origin = { ...context, origin: rowOrigin(context.origin, c.item.row) };
        await this.outbox.add(manager, EventPatterns.technicianCreated, eventOrigin(origin), {
          target: { type: 'technician', id: technician.id, name: technician.name },
          groupPaths: [paths.get(technician.id)!],
          technician,
        } satisfies TechnicianCreatedEvent);
      }
      done.forEach((c, i) => (results[c.index] = { ok: true, reply: replies[i] }));
    });
  }

  private async views(
    manager: EntityManager,
    org: string,
    accountIds: string[],
  ): Promise<{ views: Map<string, TechnicianView>; paths: Map<string, string> }> {
    if (accountIds.length === 0) return { views: new Map(), paths: new Map() };
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
    return {
      views: new Map(
        technicians.map((t) => [t.accountId, toTechnicianView(t.account!, t, t.group!)]),
      ),
      // Each technician's group path, for its event.
      paths: new Map(technicians.map((t) => [t.accountId, t.group!.path])),
    };
  }
}
