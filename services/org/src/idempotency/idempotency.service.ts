import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import {
  ComparePasswordsQuery,
  ComparePasswordsReply,
  ErrorCodes,
  IdentityPatterns,
  RpcErrorEnvelope,
  SettleIdempotencyKeyReply,
} from '@app/contracts';
import { InjectRpcClient, RpcClient, rpcError } from '@app/platform';
import { IdempotencyKey, StoredOutcome } from './idempotency-key.entity';

/** Organization id under which keys of commands that create an organization are kept. */
export const GLOBAL_SCOPE = '00000000-0000-0000-0000-000000000000';

/**
 * Fields left out of a fingerprint: a sealed password is sealed differently every time
 * (it is compared on its own), and a retry may come with a newer token (another session) of
 * the same actor.
 */
const UNFINGERPRINTED = new Set([
  'sealedPassword',
  'sealedAdminPassword',
  'idempotencyKey',
  'issuedAt',
  'sessionId',
]);

export type KeyState =
  { kind: 'new' } | { kind: 'done'; reply: unknown } | { kind: 'in-progress'; accountId: string };

/** A command's key, with what makes a repeat the same request. */
export interface KeyUse {
  /** The organization, or GLOBAL_SCOPE. */
  scope: string;
  key: string;
  fingerprint: string;
  sealedPassword: string;
}

@Injectable()
export class IdempotencyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
  ) {}

  fingerprint(command: object): string {
    return createHash('sha256').update(canonicalJson(command)).digest('hex');
  }

  /**
   * What became of this key: new, in progress (with its account), or done (the first reply,
   * or the first error thrown again). The same key with another command, its password
   * included, is IDEMPOTENCY_KEY_REUSED.
   */
  async state(use: KeyUse): Promise<KeyState> {
    const row = await this.dataSource
      .getRepository(IdempotencyKey)
      .findOneBy({ organizationId: use.scope, key: use.key });
    if (!row) return { kind: 'new' };
    if (!row.fenced && !(await this.sameRequest(row, use))) throw keyReused();
    if (row.outcome?.ok === true) return { kind: 'done', reply: row.outcome.reply };
    if (row.outcome?.ok === false)
      throw rpcError(row.outcome.error.code, row.outcome.error.message, row.outcome.error);
    return { kind: 'in-progress', accountId: row.accountId! };
  }

  /** Claims the key for a new account, in the caller's transaction. False if another claim won. */
  async claim(manager: EntityManager, use: KeyUse, accountId: string): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKey)
      .values({ ...this.row(use), accountId })
      .orIgnore()
      .returning(['key'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  async recordSuccess(manager: EntityManager, use: KeyUse, reply: unknown): Promise<void> {
    await manager
      .getRepository(IdempotencyKey)
      .update(
        { organizationId: use.scope, key: use.key },
        { outcome: { ok: true, reply } as never },
      );
  }

  /**
   * A business refusal is the outcome too; the account it had reserved is about to be
   * deleted. `claimed`: this command holds the key (else it only adds one).
   */
  async recordFailure(
    manager: EntityManager,
    use: KeyUse,
    error: RpcErrorEnvelope,
    claimed: boolean,
  ): Promise<void> {
    const outcome = refusal(error);
    if (claimed) {
      await manager
        .getRepository(IdempotencyKey)
        .update({ organizationId: use.scope, key: use.key }, { accountId: null, outcome });
      return;
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKey)
      .values({ ...this.row(use), accountId: null, outcome })
      .orIgnore()
      .execute();
  }

  /**
   * The outcome of the key's command; if none ever started, the given refusal becomes its
   * outcome first, so that the command, should it still arrive, is refused with it. A key
   * whose command is running is left alone: ask again.
   */
  async settle(
    scope: string,
    key: string,
    error: RpcErrorEnvelope,
  ): Promise<SettleIdempotencyKeyReply> {
    const keys = this.dataSource.getRepository(IdempotencyKey);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKey)
      .values({
        organizationId: scope,
        key,
        fingerprint: '-'.repeat(64),
        sealedPassword: null,
        accountId: null,
        fenced: true,
        outcome: refusal(error),
      })
      .orIgnore()
      .execute();
    const row = await keys.findOneByOrFail({ organizationId: scope, key });
    return row.outcome ? { state: 'done', outcome: row.outcome } : { state: 'in-progress' };
  }

  /** Which of these keys were used already (a batch leaves those to the single create). */
  async used(scope: string, keys: string[]): Promise<Set<string>> {
    const rows: { key: string }[] = await this.dataSource.query(
      'SELECT key FROM idempotency_keys WHERE organization_id = $1 AND key = ANY($2::varchar[])',
      [scope, keys],
    );
    return new Set(rows.map((row) => row.key));
  }

  /** `claim` for many keys in one statement; resolves to the keys this call claimed. */
  async claimMany(
    manager: EntityManager,
    uses: (KeyUse & { accountId: string })[],
  ): Promise<Set<string>> {
    if (uses.length === 0) return new Set();
    const rows: { key: string }[] = await manager.query(
      `INSERT INTO idempotency_keys (organization_id, key, fingerprint, sealed_password, account_id)
       SELECT $1, * FROM unnest($2::varchar[], $3::char(64)[], $4::text[], $5::uuid[])
       ON CONFLICT DO NOTHING
       RETURNING key`,
      [
        uses[0].scope,
        uses.map((use) => use.key),
        uses.map((use) => use.fingerprint),
        uses.map((use) => use.sealedPassword),
        uses.map((use) => use.accountId),
      ],
    );
    return new Set(rows.map((row) => row.key));
  }

  /**
   * The outcomes of claimed keys of one scope in one statement (`recordSuccess` and
   * `recordFailure` for a batch); a refused key lets go of its account.
   */
  async recordOutcomes(
    manager: EntityManager,
    scope: string,
    outcomes: { key: string; outcome: StoredOutcome }[],
  ): Promise<void> {
    if (outcomes.length === 0) return;
    await manager.query(
      `UPDATE idempotency_keys k
          SET outcome = v.outcome,
              account_id = CASE WHEN (v.outcome->>'ok')::boolean THEN k.account_id END
         FROM unnest($2::varchar[], $3::jsonb[]) AS v(key, outcome)
        WHERE k.organization_id = $1 AND k.key = v.key`,
      [
        scope,
        outcomes.map((o) => o.key),
        outcomes.map((o) => JSON.stringify(storedRefusalOrReply(o.outcome))),
      ],
    );
  }

  /** Forgets the unfinished command of an account being undone, so that it can run again. */
  async releaseUnfinished(manager: EntityManager, accountId: string): Promise<void> {
    await manager.getRepository(IdempotencyKey).delete({ accountId, outcome: IsNull() });
  }

  private row(use: KeyUse) {
    return {
      organizationId: use.scope,
      key: use.key,
      fingerprint: use.fingerprint,
      sealedPassword: use.sealedPassword,
    };
  }

  /** The same fields, and the same password (identity compares two sealings of it). */
  private async sameRequest(row: IdempotencyKey, use: KeyUse): Promise<boolean> {
    if (row.fingerprint !== use.fingerprint) return false;
    if (row.sealedPassword === null || row.sealedPassword === use.sealedPassword) return true;
    const { equal } = await this.identity.send<ComparePasswordsReply>(
      IdentityPatterns.passwordCompare,
      {
        sealedPassword: row.sealedPassword,
        otherSealedPassword: use.sealedPassword,
      } satisfies ComparePasswordsQuery,
    );
    return equal;
  }
}

function keyReused() {
  return rpcError(
    ErrorCodes.IDEMPOTENCY_KEY_REUSED,
    'this idempotency key was used for another request',
    {
      errors: [
        {
          field: 'idempotencyKey',
          code: ErrorCodes.IDEMPOTENCY_KEY_REUSED,
          message: 'was used for another request',
        },
      ],
    },
  );
}

/** As stored (jsonb): TypeORM's update types cannot express it, hence the casts where it is written. */
function refusal(error: RpcErrorEnvelope): never {
  return storedRefusalOrReply({ ok: false, error }) as never;
}

/** A refusal is stored with its code, message and field errors only (not `retryable`, `details`). */
function storedRefusalOrReply(outcome: StoredOutcome): StoredOutcome {
  if (outcome.ok) return outcome;
  const { code, message, errors } = outcome.error;
  return { ok: false, error: { code, message, errors } };
}

/** JSON with sorted keys and without the unfingerprinted fields. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, item]) => !UNFINGERPRINTED.has(key) && item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
