import { Injectable } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  CreateCredentialCommand,
  CreateCredentialReply,
  ErrorCodes,
  IdentityPatterns,
  RpcErrorEnvelope,
} from '@app/contracts';
import {
  InjectRpcClient,
  RpcCallError,
  RpcClient,
  rpcError,
  requestFingerprint,
} from '@app/platform';
import { CommandMeaning, legacyFingerprintOf } from '../idempotency/command-meaning';
import { IdempotencyService, KeyUse } from '../idempotency/idempotency.service';
import { AccountDeadlines } from './account-deadlines';
import { AccountUndo } from './account-undo.service';
import { NewAccount } from './account-rows';
import { AccountStore } from './account.store';

/** What a feature says of the account it creates (technician, administrator, organization). */
export interface AccountCreation<TReply> {
  /** Where the key is unique: the organization, or GLOBAL_SCOPE. */
  scope: string;
  key: string;
  /** What the command means (command-meaning.ts): a repeat must mean the same. */
  meaning: CommandMeaning;
  /** The command as it came, for keys kept before meanings (`legacyFingerprintOf`). */
  command: object;
  /** Absent: an account without a password (identity keeps a credential without a hash). */
  sealedPassword?: string;
  setByAdministrator: boolean;
  /** The account to make (its id is the saga's). */
  account: Omit<NewAccount, 'id'>;
  /** In T1, before the account: the command's target checked, rows the account refers to. */
  beforeAccount?(manager: EntityManager): Promise<void>;
  /** In T1, after the account: rows that refer to it (technician, administrator's groups). */
  afterAccount?(manager: EntityManager, accountId: string): Promise<void>;
  /** A database refusal of T1 as a business outcome (EMAIL_TAKEN, ...), or undefined to rethrow. */
  refusalOf(err: unknown): RpcException | undefined;
  /** The reply, built in T2 (and stored as the key's outcome). */
  reply(
    manager: EntityManager,
    accountId: string,
    credential: CreateCredentialReply,
  ): Promise<TReply>;
  /** More to do in T2 (events). */
  onActive?(manager: EntityManager, reply: TReply): Promise<void>;
  /** More to undo when identity refused (the account itself is deleted anyway). */
  onRefused?(manager: EntityManager, accountId: string): Promise<void>;
}

/** An account of this create, provisioning (or, for a repeat, perhaps made already). */
interface Reserved {
  id: string;
  organizationId: string;
  state: 'provisioning' | 'active';
}

type IdentityAnswer =
  { ok: true; credential: CreateCredentialReply } | { ok: false; error: RpcCallError };

/**
 * Creating an account, which lives in two services and two databases, so that neither half
 * exists without the other (docs/adr/0004-accounts-across-services.md), idempotently by the
 * command's key:
 * - T1: the key claimed and the account inserted as `provisioning` (the email reserved, a
 *   deadline set), in one transaction; a concurrent repeat waits on the key, then reads it;
 * - identity's insert: the credential, idempotent by account id;
 * - T2: the account made `active`, the reply stored as the key's outcome (with identity's
 *   digest of the password in place of its box) and the feature's events, in one transaction.
 * A repeat answers the first outcome before anything is checked; a repeat of a create still
 * running takes its account over. If identity refuses, the account is deleted and the
 * refusal is the key's outcome; if its answer is unknown, the account is abandoned
 * (AccountUndo), as the sweep does with one whose process died.
 */
@Injectable()
export class AccountCreationSaga {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
    private readonly accounts: AccountStore,
    private readonly deadlines: AccountDeadlines,
    private readonly undo: AccountUndo,
    private readonly idempotency: IdempotencyService,
  ) {}

  async create<TReply>(spec: AccountCreation<TReply>): Promise<TReply> {
    const use: KeyUse = {
      scope: spec.scope,
      key: spec.key,
      fingerprint: requestFingerprint(spec.meaning),
      legacyFingerprint: legacyFingerprintOf(spec.command),
      sealedPassword: spec.sealedPassword,
    };
    for (;;) {
      const key = await this.idempotency.state(use);
      if (key.kind === 'done') return key.reply as TReply;

      // T1, or the account of a repeat taken over.
      const account =
        key.kind === 'new' ? await this.reserve(spec, use) : await this.resume(key.accountId);
      // Claimed by a concurrent repeat, or undone meanwhile: start again.
      if (!account) continue;
      if (account.state === 'active') {
        return spec.reply(this.dataSource.manager, account.id, await this.credentialOf(account.id));
      }

      // Identity's insert.
      const answer = await this.askIdentity(account, spec.sealedPassword, spec.setByAdministrator);
      if (!answer.ok) {
        await this.recordRefusal(spec, use, account.id, answer.error.envelope);
        throw answer.error;
      }

      // T2.
      let reply: TReply | undefined;
      const outcome = await this.dataSource.transaction(async (manager) => {
        const activated = await this.activate(manager, account.id);
        if (activated === 'activated') {
          reply = await spec.reply(manager, account.id, answer.credential);
          await this.idempotency.recordSuccess(
            manager,
            use,
            reply,
            answer.credential.passwordDigest,
          );
          await spec.onActive?.(manager, reply);
        }
        return activated;
      });
      if (outcome === 'undone') throw notInTime();
      return reply ?? (await spec.reply(this.dataSource.manager, account.id, answer.credential));
    }
  }

  /**
   * The bootstrap's first Master Administrator, which has no key: its account was inserted
   * by the bootstrap (or by one that died, under the same lock). Identity's insert, then T2.
   */
  async completeWithoutKey(
    account: Pick<Reserved, 'id' | 'organizationId'>,
    sealedPassword: string,
    setByAdministrator: boolean,
    /** Runs in the transaction that makes the account active (its events), only then. */
    onActive?: (manager: EntityManager) => Promise<void>,
  ): Promise<CreateCredentialReply> {
    if (!(await this.takeOver(account.id))) return this.credentialOf(account.id);
    const reserved: Reserved = { ...account, state: 'provisioning' };
    const answer = await this.askIdentity(reserved, sealedPassword, setByAdministrator);
    if (!answer.ok) {
      await this.dataSource.transaction((manager) => this.accounts.refuse(manager, [account.id]));
      throw answer.error;
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      const activated = await this.activate(manager, account.id);
      if (activated === 'activated') await onActive?.(manager);
      return activated;
    });
    if (outcome === 'undone') throw notInTime();
    return answer.credential;
  }

  /**
   * T1: claims the key and inserts the account (and what goes with it); undefined when a
   * concurrent repeat claimed the key first. A business refusal is the key's outcome.
   */
  private async reserve<TReply>(
    spec: AccountCreation<TReply>,
    use: KeyUse,
  ): Promise<Reserved | undefined> {
    const id = randomUUID();
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (!(await this.idempotency.claim(manager, use, id))) return undefined;
        await spec.beforeAccount?.(manager);
        await this.accounts.insert(manager, { ...spec.account, id }, this.deadlines.next());
        await spec.afterAccount?.(manager, id);
        return { id, organizationId: spec.account.organizationId, state: 'provisioning' as const };
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

  /** A repeat's account, taken over; undefined when it is gone. */
  private async resume(id: string): Promise<Reserved | undefined> {
    const organizationId = await this.accounts.organizationOf(id);
    if (!organizationId) return undefined;
    const state = (await this.takeOver(id)) ? 'provisioning' : 'active';
    return { id, organizationId, state };
  }

  /** Whether this call owns the provisioning account now; false when it is active already. */
  private async takeOver(id: string): Promise<boolean> {
    if (await this.accounts.takeOver(id, this.deadlines.next())) return true;
    if ((await this.accounts.stateOf(id)) === 'active') return false;
    // Being undone by the sweep: the caller may try again once it is gone.
    throw new Error(`account ${id} is being undone`);
  }

  /** Identity's credential; a refusal is answered, an unknown outcome abandons the account. */
  private async askIdentity(
    account: Reserved,
    sealedPassword: string | undefined,
    setByAdministrator: boolean,
  ): Promise<IdentityAnswer> {
    try {
      const credential = await this.identity.send<CreateCredentialReply>(
        IdentityPatterns.credentialCreate,
        {
          accountId: account.id,
          organizationId: account.organizationId,
          ...(sealedPassword === undefined ? {} : { sealedPassword }),
          setByAdministrator,
        } satisfies CreateCredentialCommand,
      );
      return { ok: true, credential };
    } catch (err) {
      // Identity refused: it created nothing, there is nothing to revoke.
      if (err instanceof RpcCallError && !err.outcomeUnknown) return { ok: false, error: err };
      await this.undo.abandonOrLeaveToSweep(account.id);
      throw err;
    }
  }

  /** Identity refused: the account deleted and, but for a password to seal again, the key's outcome. */
  private async recordRefusal<TReply>(
    spec: AccountCreation<TReply>,
    use: KeyUse,
    accountId: string,
    error: RpcErrorEnvelope,
  ): Promise<void> {
    // A password sealed to a key identity no longer holds is not an outcome: the sender
    // seals it again and the command runs afresh.
    const outcome = error.code !== ErrorCodes.SEALING_KEY_UNKNOWN;
    await this.dataSource.transaction(async (manager) => {
      if (outcome) await this.idempotency.recordFailure(manager, use, error, true);
      else await this.idempotency.release(manager, use.scope, [use.key]);
      await spec.onRefused?.(manager, accountId);
      await this.accounts.refuse(manager, [accountId]);
    });
    if (outcome) await this.idempotency.keepDigests(use.scope, [use]);
  }

  /** provisioning → active, or why not: active already (a repeat did it), or undone by the sweep. */
  private async activate(
    manager: EntityManager,
    id: string,
  ): Promise<'activated' | 'already-active' | 'undone'> {
    if ((await this.accounts.activate(manager, [id])).length > 0) return 'activated';
    return (await this.accounts.stateOf(id, manager)) === 'active' ? 'already-active' : 'undone';
  }

  private async credentialOf(accountId: string): Promise<CreateCredentialReply> {
    const status = await this.identity.send<{ mustChangePassword: boolean }>(
      IdentityPatterns.credentialStatusGet,
      { accountId },
    );
    return { accountId, mustChangePassword: status.mustChangePassword, created: false };
  }
}

/** The sweep undid the account while identity was answering (this call overran its deadline). */
const notInTime = () =>
  rpcError(ErrorCodes.SERVICE_UNAVAILABLE, 'the account could not be completed in time; try again');
