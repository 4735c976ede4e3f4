import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateTechnicianBatchCommand,
  CreateTechnicianBatchItem,
  CreateTechnicianBatchReply,
  CreateTechnicianCommand,
} from '@app/contracts';
import { requestFingerprint, settleItem } from '@app/platform';
import { Group } from '../entities/group.entity';
import { legacyFingerprintOf, technicianCreateMeaning } from '../idempotency/command-meaning';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { ActorContext, ScopePolicy } from '../scope/scope-policy';
import { TechnicianBatchCompletion } from './technician-batch-completion';
import { Claimed, Result } from './technician-batch-item';
import { TechnicianBatchReservation } from './technician-batch-reservation';
import { TechnicianCreateService } from './technician-create.service';

/**
 * `org.technician.create-batch.v1`: the single create (TechnicianCreateService) for a
 * batch of one actor, with the per-row round trips shared:
 * 1. one read of which keys were used already: those items (a redelivered or half-applied
 *    batch, a row retried singly) go through the single create, which answers a repeat
 *    (before its group is looked at), takes an unfinished one over or refuses a reused key;
 *    the groups of the others are checked, each once;
 * 2. one transaction claims the new keys and reserves their accounts and technicians
 *    (multi-row INSERTs; a taken email or SSO ID refuses that item only):
 *    TechnicianBatchReservation;
 * 3. one message asks identity for the credentials;
 * 4. one transaction activates the accounts, stores each key's outcome and writes the
 *    `org.technician.created.v1` events (3 and 4: TechnicianBatchCompletion);
 * 5. the keys of refused items, which identity gave no digest for, get theirs in one call.
 * A crash between the steps leaves what a crashed single create leaves (claimed keys,
 * provisioning accounts with a deadline), recovered the same way.
 */
@Injectable()
export class TechnicianBatchCreation {
  constructor(
    private readonly scope: ScopePolicy,
    private readonly single: TechnicianCreateService,
    private readonly idempotency: IdempotencyService,
    private readonly reservation: TechnicianBatchReservation,
    private readonly completion: TechnicianBatchCompletion,
  ) {}

  async create(command: CreateTechnicianBatchCommand): Promise<CreateTechnicianBatchReply> {
    const context = await this.scope.administrator(command.actor);
    const singles = command.items.map((item) => singleCommand(command, item));
    const results: (Result | undefined)[] = command.items.map(() => undefined);
    if (!command.dryRun) await this.createNew(context, singles, results);
    // The repeats' passwords, compared in one call rather than one per item.
    const repeats = command.dryRun ? [] : singles.filter((_, i) => !results[i]);
    await this.idempotency.compareAhead(
      context.organizationId,
      repeats.map((single) => ({
        key: single.idempotencyKey,
        sealedPassword: single.sealedPassword,
      })),
    );
    // Everything the batch left: repeats, dry runs, keys claimed meanwhile by another delivery.
    for (const [i, single] of singles.entries()) {
      results[i] ??= await settleItem(() => this.single.create(single));
    }
    return { results: results as Result[] };
  }

  private async createNew(
    context: ActorContext,
    singles: SingleCommand[],
    results: (Result | undefined)[],
  ): Promise<void> {
    const org = context.organizationId;
    const used = await this.idempotency.used(
      org,
      singles.map((single) => single.idempotencyKey),
    );
    const seen = new Set<string>();
    const candidates = singles.flatMap((single, index) => {
      if (used.has(single.idempotencyKey) || seen.has(single.idempotencyKey)) return [];
      seen.add(single.idempotencyKey);
      return [{ single, index }];
    });
    const groups = await this.groupsInScope(context, candidates, results);
    const fresh: Claimed[] = candidates
      .filter(({ index }) => !results[index])
      .map(({ single, index }) => ({
        index,
        item: single,
        accountId: randomUUID(),
        use: {
          scope: org,
          key: single.idempotencyKey,
          fingerprint: requestFingerprint(technicianCreateMeaning(single)),
          legacyFingerprint: legacyFingerprintOf(single),
          sealedPassword: single.sealedPassword,
        },
      }));
    if (fresh.length === 0) return;

    const { reserved, refusals } = await this.reservation.reserve(org, fresh, groups, results);
    try {
      if (reserved.length === 0) return;
      const credentials = await this.completion.credentials(org, reserved, results, refusals);
      if (credentials.size === 0) return;
      await this.completion.activate(context, reserved, credentials, results);
    } finally {
      await this.idempotency.keepDigests(
        org,
        refusals.map((c) => c.use),
      );
    }
  }

  /**
   * The groups of items with new keys, each checked once; an item whose group is out of
   * reach is refused (not recorded with its key, as a single create's refusal by scope).
   */
  private async groupsInScope(
    context: ActorContext,
    candidates: { single: CreateTechnicianCommand; index: number }[],
    results: (Result | undefined)[],
  ): Promise<Map<string, Group>> {
    const groups = new Map<string, Group>();
    const refusals = new Map<string, Result>();
    for (const groupId of new Set(candidates.map(({ single }) => single.groupId))) {
      const outcome = await settleItem(() => this.scope.group(context, groupId));
      if (outcome.ok) groups.set(groupId, outcome.reply);
      else refusals.set(groupId, outcome);
    }
    for (const { single, index } of candidates) results[index] = refusals.get(single.groupId);
    return groups;
  }
}

/** The item as the single create it stands for: same fingerprint, same outcome. */
/** An item as the single create's command; a batch's items always carry a password. */
type SingleCommand = CreateTechnicianCommand & { sealedPassword: string };

function singleCommand(
  command: CreateTechnicianBatchCommand,
  item: CreateTechnicianBatchItem,
): SingleCommand {
  return Object.assign(new CreateTechnicianCommand(), {
    actor: command.actor,
    ...item,
    dryRun: command.dryRun,
  });
}
