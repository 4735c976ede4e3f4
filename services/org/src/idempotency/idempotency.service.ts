import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { BATCH_MAX_ITEMS, RpcErrorEnvelope, SettleIdempotencyKeyReply } from '@app/contracts';
import { repeatOf, rpcError } from '@app/platform';
import { keyReused, refusal, storedRefusalOrReply } from './stored-outcome';
import { IdempotencyKey, StoredOutcome } from './idempotency-key.entity';
import { boxSha256, KeptPassword, PasswordComparison } from './password-comparison';

/** Organization id under which keys of commands that create an organization are kept. */
export const GLOBAL_SCOPE = '00000000-0000-0000-0000-000000000000';

export type KeyState =
  { kind: 'new' } | { kind: 'done'; reply: unknown } | { kind: 'in-progress'; accountId: string };

/** A command's key, with what makes a repeat the same request. */
export interface KeyUse {
  /** The organization, or GLOBAL_SCOPE. */
  scope: string;
  key: string;
  /** `requestFingerprint` the command's meaning (command-meaning.ts). */
  fingerprint: string;
  /** `legacyFingerprintOf` the command: what a key kept before meanings holds. */
  legacyFingerprint: string;
  /** Absent for a command without a password (its fingerprint says so). */
  sealedPassword?: string;
}

/** A key whose kept box is to be replaced by its digest. */
export type KeptBox = { key: string; sealedPassword: string };

/**
 * Idempotency keys of the commands that create (per organization, or GLOBAL_SCOPE): what
 * became of each, and whether a repeat is the same request: the same fingerprint (actor and
 * fields, see command-meaning.ts) and the same password, which identity compares with the
 * digest the key keeps (or, while its command runs, with its box).
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordComparison,
  ) {}

  /**
   * What became of this key: new, in progress (with its account), or done (the first reply,
   * or the first error thrown again). The same key with another command, its password
   * included, is IDEMPOTENCY_KEY_REUSED. Callers ask before any check of the command's
   * target, so that a repeat answers its first outcome whatever happened to it since.
   */
  async state(use: KeyUse): Promise<KeyState> {
    const row = await this.dataSource
      .getRepository(IdempotencyKey)
      .findOneBy({ organizationId: use.scope, key: use.key });
    if (!row) return { kind: 'new' };
    if (!row.fenced) {
      // Kept until OrgIdempotencyKeyExpiry deletes it: no retention to check here.
      repeatOf(
        { fingerprint: row.fingerprint, keptAt: row.createdAt },
        { fingerprints: [use.fingerprint, use.legacyFingerprint], field: 'idempotencyKey' },
      );
      if (use.sealedPassword !== undefined && !(await this.passwords.same(row, use.sealedPassword)))
        throw keyReused();
    }
    if (row.outcome?.ok === true) return { kind: 'done', reply: row.outcome.reply };
    if (row.outcome?.ok === false)
      throw rpcError(row.outcome.error.code, row.outcome.error.message, row.outcome.error);
    return { kind: 'in-progress', accountId: row.accountId! };
  }

  /**
   * Claims the key for a new account, in the caller's transaction. False if another claim
   * won. The box is kept while the command runs, for a concurrent repeat to be compared with.
   */
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

  /** The reply as the key's outcome, with identity's digest of the password in place of its box. */
  async recordSuccess(
    manager: EntityManager,
    use: KeyUse,
    reply: unknown,
    passwordDigest: string | undefined,
  ): Promise<void> {
    await manager.getRepository(IdempotencyKey).update(
      { organizationId: use.scope, key: use.key },
      {
        outcome: { ok: true, reply } as never,
        ...(passwordDigest ? { passwordDigest, sealedPassword: null } : {}),
      },
    );
  }

  /**
   * A business refusal is the outcome too; the account it had reserved is about to be
   * deleted. `claimed`: this command holds the key (else it only adds one). The box stays
   * until `keepDigests` replaces it (identity had not given a digest).
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
   * Lets go of an unfinished key without an outcome: its command ran into something its
   * sender must mend first (a password sealed to a key identity no longer holds), and the
   * command, sent again, runs afresh.
   */
  async release(manager: EntityManager, scope: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await manager.query(
      `DELETE FROM idempotency_keys
        WHERE organization_id = $1 AND key = ANY($2::varchar[]) AND outcome IS NULL`,
      [scope, keys],
    );
  }

  /**
   * Replaces the boxes kept with refusals by identity's digests, one call for them all: a
   * box stops opening once its sealing key is retired, a digest never. If identity cannot
   * answer now the boxes stay, compared as boxes (PasswordComparison.same).
   */
  async keepDigests(scope: string, uses: Pick<KeyUse, 'key' | 'sealedPassword'>[]): Promise<void> {
    const kept = uses.filter((use): use is KeptBox => use.sealedPassword !== undefined);
    for (let start = 0; start < kept.length; start += BATCH_MAX_ITEMS) {
      const chunk = kept.slice(start, start + BATCH_MAX_ITEMS);
      try {
        const digests = await this.passwords.digests(chunk.map((k) => k.sealedPassword));
        await this.dataSource.query(
          `UPDATE idempotency_keys k SET password_digest = v.digest, sealed_password = NULL
             FROM unnest($2::varchar[], $3::text[], $4::text[]) AS v(key, box, digest)
            WHERE k.organization_id = $1 AND k.key = v.key AND k.sealed_password = v.box`,
          [scope, chunk.map((k) => k.key), chunk.map((k) => k.sealedPassword), digests],
        );
      } catch (err) {
        this.logger.warn({ err, keys: chunk.length }, 'kept boxes not replaced by digests now');
      }
    }
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
    uses: (KeyUse & { accountId: string; sealedPassword: string })[],
  ): Promise<Set<string>> {
    if (uses.length === 0) return new Set();
    const rows: { key: string }[] = await manager.query(
      `INSERT INTO idempotency_keys
         (organization_id, key, fingerprint, sealed_password, sealed_password_sha256, account_id)
       SELECT $1, * FROM unnest($2::varchar[], $3::char(64)[], $4::text[], $5::char(64)[], $6::uuid[])
       ON CONFLICT DO NOTHING
       RETURNING key`,
      [
        uses[0].scope,
        uses.map((use) => use.key),
        uses.map((use) => use.fingerprint),
        uses.map((use) => use.sealedPassword),
        uses.map((use) => boxSha256(use.sealedPassword)),
        uses.map((use) => use.accountId),
      ],
    );
    return new Set(rows.map((row) => row.key));
  }

  /**
   * The outcomes of claimed keys of one scope in one statement (`recordSuccess` and
   * `recordFailure` for a batch); a refused key lets go of its account; a digest, where
   * identity gave one, replaces the box.
   */
  async recordOutcomes(
    manager: EntityManager,
    scope: string,
    outcomes: { key: string; outcome: StoredOutcome; passwordDigest?: string }[],
  ): Promise<void> {
    if (outcomes.length === 0) return;
    await manager.query(
      `UPDATE idempotency_keys k
          SET outcome = v.outcome,
              account_id = CASE WHEN (v.outcome->>'ok')::boolean THEN k.account_id END,
              password_digest = COALESCE(v.digest, k.password_digest),
              sealed_password = CASE WHEN v.digest IS NULL THEN k.sealed_password END
         FROM unnest($2::varchar[], $3::jsonb[], $4::text[]) AS v(key, outcome, digest)
        WHERE k.organization_id = $1 AND k.key = v.key`,
      [
        scope,
        outcomes.map((o) => o.key),
        outcomes.map((o) => JSON.stringify(storedRefusalOrReply(o.outcome))),
        outcomes.map((o) => o.passwordDigest ?? null),
      ],
    );
  }

  /** Forgets the unfinished command of an account being undone, so that it can run again. */
  async releaseUnfinished(manager: EntityManager, accountId: string): Promise<void> {
    await manager.getRepository(IdempotencyKey).delete({ accountId, outcome: IsNull() });
  }

  /**
   * Has identity compare, in one call, the passwords of a batch's repeated keys with the
   * digests they keep, for the single creates that answer them to find the answers ready
   * (PasswordComparison). Best effort: a comparison not made now is made by the create.
   */
  async compareAhead(scope: string, uses: KeptBox[]): Promise<void> {
    if (uses.length === 0) return;
    const boxes = new Map(uses.map((use) => [use.key, use.sealedPassword]));
    const kept: (KeptPassword & { key: string })[] = await this.dataSource.query(
      `SELECT key, password_digest AS "passwordDigest", sealed_password AS "sealedPassword",
              sealed_password_sha256 AS "sealedPasswordSha256"
         FROM idempotency_keys WHERE organization_id = $1 AND key = ANY($2::varchar[])`,
      [scope, [...boxes.keys()]],
    );
    await this.passwords
      .compareAhead(kept.map((row) => ({ kept: row, sealed: boxes.get(row.key)! })))
      .catch((err: unknown) => this.logger.warn({ err }, 'passwords not compared ahead'));
  }

  private row(use: KeyUse) {
    return {
      organizationId: use.scope,
      key: use.key,
      fingerprint: use.fingerprint,
      sealedPassword: use.sealedPassword ?? null,
      sealedPasswordSha256: use.sealedPassword === undefined ? null : boxSha256(use.sealedPassword),
    };
  }
}
