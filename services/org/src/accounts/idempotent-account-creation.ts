import { Injectable } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CreateCredentialReply, ErrorCodes, RpcErrorEnvelope } from '@app/contracts';
import { CommandMeaning, fingerprintOf, legacyFingerprintOf } from '../idempotency/command-meaning';
import { IdempotencyService, KeyUse } from '../idempotency/idempotency.service';
import { AccountProvisioningService } from './account-provisioning.service';

export interface AccountCreation<TReply> {
  /** Where the key is unique: the organization, or GLOBAL_SCOPE. */
  scope: string;
  key: string;
  /** What the command means (command-meaning.ts): a repeat must mean the same. */
  meaning: CommandMeaning;
  /** The command as it came, for keys kept before meanings (`legacyFingerprintOf`). */
  command: object;
  sealedPassword: string;
  setByAdministrator: boolean;
  /**
   * Checks the command's target and inserts the provisioning account (and what goes with
   * it), in the claim's transaction; resolves to the account's organization. Runs only for
   * a key not used before: a repeat answers its first outcome without these checks.
   */
  insert(manager: EntityManager, accountId: string): Promise<string>;
  /** A database refusal of the insert as a business outcome (EMAIL_TAKEN, ...), or undefined to rethrow. */
  refusalOf(err: unknown): RpcException | undefined;
  /** The reply, built in the transaction that makes the account active (and stored as the key's outcome). */
  reply(
    manager: EntityManager,
    accountId: string,
    credential: CreateCredentialReply,
  ): Promise<TReply>;
  /** More to do in that transaction (events). */
  onActive?(manager: EntityManager, reply: TReply): Promise<void>;
  /** More to undo when identity refused (the account itself is deleted anyway). */
  onRefused?(manager: EntityManager, accountId: string): Promise<void>;
}

/**
 * Creating an account (technician, administrator, an organization's first Master
 * Administrator) idempotently, the same way for all: the key is looked up first (a repeat
 * answers its first outcome before anything else is checked), then claimed in the
 * transaction that reserves the account, so that a concurrent repeat waits and then reads
 * the outcome; a repeat of one still running takes it over; the outcome (reply or business
 * refusal) is stored with the key for every later repeat, with identity's digest of the
 * password in place of its box. Provisioning across org and identity is
 * AccountProvisioningService's.
 */
@Injectable()
export class IdempotentAccountCreation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly provisioning: AccountProvisioningService,
  ) {}

  async create<TReply>(spec: AccountCreation<TReply>): Promise<TReply> {
    const use: KeyUse = {
      scope: spec.scope,
      key: spec.key,
      fingerprint: fingerprintOf(spec.meaning),
      legacyFingerprint: legacyFingerprintOf(spec.command),
      sealedPassword: spec.sealedPassword,
    };
    for (;;) {
      const state = await this.idempotency.state(use);
      if (state.kind === 'done') return state.reply as TReply;
      const accountId = state.kind === 'in-progress' ? state.accountId : randomUUID();
      const organizationId =
        state.kind === 'new'
          ? await this.claim(spec, use, accountId)
          : await this.organizationOf(accountId);
      // Claimed by a concurrent repeat, or undone meanwhile: start again.
      if (!organizationId) continue;
      let reply: TReply | undefined;
      let refused = false;
      try {
        const credential = await this.provisioning.complete(
          { id: accountId, organizationId },
          spec.sealedPassword,
          spec.setByAdministrator,
          {
            justInserted: state.kind === 'new',
            onActive: async (manager, created) => {
              reply = await spec.reply(manager, accountId, created);
              await this.idempotency.recordSuccess(manager, use, reply, created.passwordDigest);
              await spec.onActive?.(manager, reply);
            },
            onRefused: async (manager, error) => {
              if (error.code === ErrorCodes.SEALING_KEY_UNKNOWN) {
                // Not an outcome: the sender seals the password again and the command runs afresh.
                await this.idempotency.release(manager, use.scope, [use.key]);
              } else {
                await this.idempotency.recordFailure(manager, use, error, true);
                refused = true;
              }
              await spec.onRefused?.(manager, accountId);
            },
          },
        );
        return reply ?? (await spec.reply(this.dataSource.manager, accountId, credential));
      } finally {
        if (refused) await this.idempotency.keepDigests(use.scope, [use]);
      }
    }
  }

  /**
   * Claims the key and reserves the account; resolves to the account's organization, or
   * undefined when a concurrent repeat claimed the key first.
   */
  private async claim<TReply>(
    spec: AccountCreation<TReply>,
    use: KeyUse,
    accountId: string,
  ): Promise<string | undefined> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (!(await this.idempotency.claim(manager, use, accountId))) return undefined;
        return spec.insert(manager, accountId);
      });
    } catch (err) {
      const refusal = spec.refusalOf(err);
      if (!refusal) throw err;
      const envelope = refusal.getError() as RpcErrorEnvelope;
      await this.idempotency.recordFailure(this.dataSource.manager, use, envelope, false);
      await this.idempotency.keepDigests(use.scope, [use]);
      throw refusal;
    }
  }

  private async organizationOf(accountId: string): Promise<string | undefined> {
    const rows: { organization_id: string }[] = await this.dataSource.query(
      'SELECT organization_id FROM accounts WHERE id = $1',
      [accountId],
    );
    return rows[0]?.organization_id;
  }
}
