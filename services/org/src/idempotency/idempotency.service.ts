import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCodes, RpcErrorEnvelope } from '@app/contracts';
import { rpcError } from '@app/platform';
import { IdempotencyKey } from './idempotency-key.entity';

/** Organization id under which keys of commands that create an organization are kept. */
export const GLOBAL_SCOPE = '00000000-0000-0000-0000-000000000000';

/** Fields left out of a fingerprint: a sealed password is sealed differently every time. */
const UNFINGERPRINTED = new Set(['sealedPassword', 'sealedAdminPassword', 'idempotencyKey']);

export type KeyState =
  { kind: 'new' } | { kind: 'done'; reply: unknown } | { kind: 'in-progress'; accountId: string };

@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  fingerprint(command: object): string {
    return createHash('sha256').update(canonicalJson(command)).digest('hex');
  }

  /**
   * What became of this key: new, in progress (with its account), or done (the first reply,
   * or the first error thrown again). The same key with another command is refused.
   */
  async state(organizationId: string, key: string, fingerprint: string): Promise<KeyState> {
    const row = await this.dataSource
      .getRepository(IdempotencyKey)
      .findOneBy({ organizationId, key });
    if (!row) return { kind: 'new' };
    if (row.fingerprint !== fingerprint) {
      throw rpcError(
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
    if (row.outcome?.ok === true) return { kind: 'done', reply: row.outcome.reply };
    if (row.outcome?.ok === false)
      throw rpcError(row.outcome.error.code, row.outcome.error.message, row.outcome.error);
    return { kind: 'in-progress', accountId: row.accountId! };
  }

  /** Claims the key for a new account, in the caller's transaction. False if another claim won. */
  async claim(
    manager: EntityManager,
    organizationId: string,
    key: string,
    fingerprint: string,
    accountId: string,
  ): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKey)
      .values({ organizationId, key, fingerprint, accountId })
      .orIgnore()
      .returning(['key'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  async recordSuccess(
    manager: EntityManager,
    organizationId: string,
    key: string,
    reply: unknown,
  ): Promise<void> {
    await manager
      .getRepository(IdempotencyKey)
      .update({ organizationId, key }, { outcome: { ok: true, reply } as never });
  }

  /**
   * A business refusal is the outcome too. Detached from the account (about to be deleted),
   * so the row survives it. `claimed`: this command holds the key (else it only adds one).
   */
  async recordFailure(
    manager: EntityManager,
    organizationId: string,
    key: string,
    fingerprint: string,
    error: RpcErrorEnvelope,
    claimed: boolean,
  ): Promise<void> {
    const outcome = {
      ok: false as const,
      error: { code: error.code, message: error.message, errors: error.errors },
    };
    if (claimed) {
      await manager
        .getRepository(IdempotencyKey)
        .update({ organizationId, key }, { accountId: null, outcome });
      return;
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKey)
      .values({ organizationId, key, fingerprint, accountId: null, outcome })
      .orIgnore()
      .execute();
  }
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
