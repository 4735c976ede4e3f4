import { Injectable } from '@nestjs/common';
import { setImmediate } from 'node:timers/promises';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import {
  BatchItemResult,
  CreateCredentialBatchCommand,
  CreateCredentialBatchReply,
  CreateCredentialCommand,
  CreateCredentialReply,
  CredentialStatusReply,
  ErrorCodes,
  PasswordPolicy,
  SetPasswordCommand,
  SetPasswordReply,
} from '@app/contracts';
import { rpcError, settleItem } from '@app/platform';
import { PasswordDigestsService } from '../password-digest/password-digests.service';
import { PasswordPoliciesService } from '../password-policy/password-policies.service';
import { SealingKeysService } from '../sealing/sealing-keys.service';
import { Credential } from './credential.entity';
import { PasswordHasher } from './password-hasher';

@Injectable()
export class CredentialsService {
  constructor(
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    private readonly sealingKeys: SealingKeysService,
    private readonly policies: PasswordPoliciesService,
    private readonly hasher: PasswordHasher,
    private readonly digests: PasswordDigestsService,
  ) {}

  /**
   * Idempotent by account: a repeat answers what the first create did, without checking or
   * hashing again. A revoked account stays revoked. The reply carries the password's digest,
   * which the caller keeps instead of the box (see PasswordDigestsService).
   */
  async create(command: CreateCredentialCommand): Promise<CreateCredentialReply> {
    const existing = await this.credentials.findOneBy({ accountId: command.accountId });
    if (existing) return this.repeatOutcome(existing, command.sealedPassword);

    // No password: a credential without a hash, which no password signs in (LoginService).
    const password =
      command.sealedPassword === undefined
        ? undefined
        : await this.sealingKeys.openPassword(command.sealedPassword);
    const policy =
      password === undefined
        ? undefined
        : await this.policies.enforce(command.organizationId, password);
    const mustChangePassword =
      policy !== undefined && mustChangeAfterSet(policy, command.setByAdministrator);
    const passwordHash = password === undefined ? null : await this.hasher.hash(password);
    const inserted: unknown[] = await this.credentials.query(
      `INSERT INTO credentials (account_id, organization_id, password_hash, must_change_password, password_changed_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $3::text IS NULL THEN NULL ELSE now() END)
       ON CONFLICT (account_id) DO NOTHING
       RETURNING account_id`,
      [command.accountId, command.organizationId, passwordHash, mustChangePassword],
    );
    if (inserted.length === 0) {
      // A concurrent delivery of the same command, or a revoke, got there first.
      return this.repeatOutcome(
        await this.credentials.findOneByOrFail({ accountId: command.accountId }),
        command.sealedPassword,
      );
    }
    return {
      accountId: command.accountId,
      mustChangePassword,
      created: true,
      ...(password === undefined ? {} : { passwordDigest: this.digests.digest(password) }),
    };
  }

  /**
   * The single create for a batch of accounts of one organization: one read of what
   * exists, the passwords opened, checked and hashed in parallel (each hash on the
   * HashScheduler, a person's first), one INSERT for all. Each item fails on its own.
   */
  async createBatch(command: CreateCredentialBatchCommand): Promise<CreateCredentialBatchReply> {
    const accountIds = command.items.map((item) => item.accountId);
    const existing = new Map(
      (await this.credentials.findBy({ accountId: In(accountIds) })).map((c) => [c.accountId, c]),
    );
    const policy = await this.policies.get(command.organizationId);
    const mustChangePassword = mustChangeAfterSet(policy, command.setByAdministrator);
    const hashes: Promise<BatchItemResult<{ hash: string; digest: string }> | undefined>[] = [];
    for (const item of command.items) {
      if (existing.has(item.accountId)) {
        hashes.push(Promise.resolve(undefined));
        continue;
      }
      // Opening and checking run on the event loop: let other messages in between items.
      await setImmediate();
      const checked = await settleItem(async () => {
        const password = await this.sealingKeys.openPassword(item.sealedPassword);
        this.policies.assertMeets(policy, password);
        return password;
      });
      const hashing = checked.ok
        ? settleItem(async () => ({
            hash: await this.hasher.hash(checked.reply, command.organizationId),
            digest: this.digests.digest(checked.reply),
          }))
        : Promise.resolve(checked);
      // Awaited below with the others; handled now, so that a failure meanwhile is not "unhandled".
      hashing.catch(() => undefined);
      hashes.push(hashing);
    }
    const hashed = await Promise.all(hashes);
    const toInsert = command.items.flatMap((item, i) => {
      const result = hashed[i];
      return result?.ok
        ? [
            {
              accountId: item.accountId,
              passwordHash: result.reply.hash,
              digest: result.reply.digest,
            },
          ]
        : [];
    });
    const inserted = new Set<string>();
    if (toInsert.length > 0) {
      const rows: { account_id: string }[] = await this.credentials.query(
        `INSERT INTO credentials (account_id, organization_id, password_hash, must_change_password, password_changed_at)
         SELECT account_id, $1, password_hash, $2, now()
           FROM unnest($3::uuid[], $4::text[]) AS item(account_id, password_hash)
         ON CONFLICT (account_id) DO NOTHING
         RETURNING account_id`,
        [
          command.organizationId,
          mustChangePassword,
          toInsert.map((row) => row.accountId),
          toInsert.map((row) => row.passwordHash),
        ],
      );
      rows.forEach((row) => inserted.add(row.account_id));
    }
    // Lost a race (a concurrent delivery, a revoke): read what is there now.
    const raced = toInsert
      .filter((row) => !inserted.has(row.accountId))
      .map((row) => row.accountId);
    if (raced.length > 0) {
      for (const credential of await this.credentials.findBy({ accountId: In(raced) }))
        existing.set(credential.accountId, credential);
    }
    const results = command.items.map(
      async (item, i): Promise<BatchItemResult<CreateCredentialReply>> => {
        const hashOutcome = hashed[i];
        if (inserted.has(item.accountId) && hashOutcome?.ok)
          return {
            ok: true,
            reply: {
              accountId: item.accountId,
              mustChangePassword,
              created: true,
              passwordDigest: hashOutcome.reply.digest,
            },
          };
        if (hashOutcome && !hashOutcome.ok) return hashOutcome;
        // Credentials are never deleted (a revoke tombstones them): it is there.
        const credential = existing.get(item.accountId)!;
        return settleItem(() => this.repeatOutcome(credential, item.sealedPassword));
      },
    );
    return { results: await Promise.all(results) };
  }

  /** An administrator sets the password: policy checked, must-change as the policy says. */
  async setPassword(command: SetPasswordCommand): Promise<SetPasswordReply> {
    const credential = await this.live(command.accountId, command.organizationId);
    const password = await this.sealingKeys.openPassword(command.sealedPassword);
    const policy = await this.policies.enforce(command.organizationId, password);
    const mustChangePassword = mustChangeAfterSet(policy, command.setByAdministrator);
    await this.credentials.update(
      { accountId: credential.accountId, revokedAt: IsNull() },
      {
        passwordHash: await this.hasher.hash(password),
        mustChangePassword,
        passwordChangedAt: new Date(),
      },
    );
    return { accountId: credential.accountId, mustChangePassword };
  }

  /**
   * Stores a password its owner chose (checked by PasswordChangeService): it need not be
   * changed again. `alongside` writes in the same transaction (the change's event).
   */
  async storeOwnPassword(
    accountId: string,
    password: string,
    alongside?: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    // Hashed before the transaction: argon2 holds no connection.
    const passwordHash = await this.hasher.hash(password);
    await this.credentials.manager.transaction(async (manager) => {
      await manager
        .getRepository(Credential)
        .update(
          { accountId, revokedAt: IsNull() },
          { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
        );
      await alongside?.(manager);
    });
  }

  /** Tombstones the account's credential (creating the tombstone if the create has not arrived yet). */
  async revoke(accountId: string): Promise<void> {
    await this.credentials
      .createQueryBuilder()
      .insert()
      .values({ accountId, revokedAt: new Date(), passwordHash: null })
      .orUpdate(['revoked_at', 'password_hash'], ['account_id'])
      .execute();
  }

  async status(accountId: string): Promise<CredentialStatusReply> {
    const credential = await this.credentials.findOneBy({ accountId, revokedAt: IsNull() });
    return {
      accountId,
      exists: credential !== null,
      mustChangePassword: credential ? await this.mustChangePassword(credential) : false,
    };
  }

  /** Set by an administrator (and the policy says so), or older than the policy's maximum age. */
  async mustChangePassword(credential: Credential): Promise<boolean> {
    if (credential.mustChangePassword) return true;
    if (!credential.organizationId || !credential.passwordChangedAt) return false;
    const { maxAgeDays } = await this.policies.get(credential.organizationId);
    return (
      maxAgeDays > 0 && Date.now() - credential.passwordChangedAt.getTime() > maxAgeDays * DAY_MS
    );
  }

  findLive(accountId: string, organizationId?: string): Promise<Credential | null> {
    return this.credentials.findOneBy({ accountId, organizationId, revokedAt: IsNull() });
  }

  private async live(accountId: string, organizationId: string): Promise<Credential> {
    const credential = await this.credentials.findOneBy({
      accountId,
      organizationId,
      revokedAt: IsNull(),
    });
    if (!credential) throw rpcError(ErrorCodes.ACCOUNT_NOT_FOUND, 'no such account');
    return credential;
  }

  /**
   * What a repeat answers. The account is its command's own, and org lets a repeat take a
   * command over only with the same password, so the repeat's digest is the credential
   * password's; a box that no longer opens only goes without.
   */
  private async repeatOutcome(
    existing: Credential,
    sealedPassword: string | undefined,
  ): Promise<CreateCredentialReply> {
    if (existing.revokedAt) {
      throw rpcError(
        ErrorCodes.CONFLICT,
        'this account was revoked and cannot be given a password again',
      );
    }
    const password =
      sealedPassword === undefined
        ? undefined
        : await this.sealingKeys.openPassword(sealedPassword).catch(() => undefined);
    return {
      accountId: existing.accountId,
      mustChangePassword: existing.mustChangePassword,
      created: false,
      ...(password === undefined ? {} : { passwordDigest: this.digests.digest(password) }),
    };
  }
}

const DAY_MS = 86_400_000;

function mustChangeAfterSet(policy: PasswordPolicy, setByAdministrator: boolean): boolean {
  return setByAdministrator && policy.forceChangeOnAdminSet;
}
