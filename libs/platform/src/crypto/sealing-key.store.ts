import { Injectable, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import {
  ErrorCodes,
  FieldErrorCodes,
  SEALING_KEY_REFRESH_SECONDS,
  SEALING_SUITE,
  SealingKeyReply,
} from '@app/contracts';
import { rpcError } from '../messaging/rpc-error.filter';
import {
  generateSealingKeyPair,
  openBytes,
  rawKeys,
  SealedBoxError,
  sealedKeyId,
  SealingKeyPair,
} from './sealed-box';
import { SealingKey } from './sealing-key.entity';

/**
 * What a service does when one of its keys is retired, in the retirement's transaction
 * (the key already marked, not yet committed): re-encrypt to `current` what it keeps under
 * `retired` (see secret-at-rest.ts), so that a retirement fails nothing stored before it.
 */
export type RetirementStep = (
  manager: EntityManager,
  retired: SealingKeyPair,
  current: SealingKeyPair,
) => Promise<void>;

/**
 * A service's sealing keys (identity: passwords; import: uploaded files), shared by every
 * replica through the service's database. The first start creates one. The current key is
 * the newest that is not retired; every key not retired opens boxes, so during a rotation
 * boxes sealed to the older key still open, until an operator retires it. Each replica reads
 * the keys again every SEALING_KEY_REFRESH_SECONDS, and at once for a key id it does not know.
 */
@Injectable()
export class SealingKeyStore implements OnModuleInit, OnModuleDestroy {
  private keys = new Map<string, SealingKeyPair>();
  private retired = new Set<string>();
  private current!: SealingKeyPair;
  private refresh?: NodeJS.Timeout;
  private readonly retirementSteps: RetirementStep[] = [];

  constructor(@InjectRepository(SealingKey) private readonly repository: Repository<SealingKey>) {}

  async onModuleInit(): Promise<void> {
    if ((await this.repository.count({ where: { retiredAt: IsNull() } })) === 0) await this.add();
    await this.reload();
    this.refresh = setInterval(
      () => void this.reload().catch(() => undefined),
      SEALING_KEY_REFRESH_SECONDS * 1000,
    );
    this.refresh.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.refresh);
  }

  publicKey(): SealingKeyReply {
    const { keyId, publicKey } = rawKeys(this.current);
    return { keyId, publicKey, suite: SEALING_SUITE, acceptedKeyIds: [...this.keys.keys()] };
  }

  /** A new key becomes current; the others still open boxes until they are retired. */
  async rotate(): Promise<SealingKeyReply> {
    await this.add();
    await this.reload();
    return this.publicKey();
  }

  /** Runs `step` in every later retirement's transaction. */
  onRetire(step: RetirementStep): void {
    this.retirementSteps.push(step);
  }

  /**
   * Boxes sealed to `keyId` are refused from now on. In one transaction: the key is marked
   * (waiting for every transaction that holds it, see `lockCurrent`), then the retirement
   * steps re-encrypt what was stored under it.
   */
  async retire(keyId: string): Promise<SealingKeyReply> {
    await this.reload();
    if (!this.keys.has(keyId) && !this.retired.has(keyId))
      throw rpcError(ErrorCodes.NOT_FOUND, `no sealing key ${keyId}`);
    if (keyId === this.current.keyId)
      throw rpcError(ErrorCodes.CONFLICT, 'the current key cannot be retired; rotate first');
    const retired = this.keys.get(keyId);
    const current = this.current;
    await this.repository.manager.transaction(async (manager) => {
      const marked = await manager
        .getRepository(SealingKey)
        .update({ keyId, retiredAt: IsNull() }, { retiredAt: () => 'now()' });
      if (!marked.affected || !retired) return;
      for (const step of this.retirementSteps) await step(manager, retired, current);
    });
    await this.reload();
    return this.publicKey();
  }

  /**
   * The current key, held in the caller's transaction (FOR SHARE) until it ends: a
   * retirement of that key waits for it, then finds (and re-encrypts) what it stored.
   */
  async lockCurrent(manager: EntityManager): Promise<SealingKeyPair> {
    for (;;) {
      const current = this.current;
      const held: unknown[] = await manager.query(
        'SELECT 1 FROM sealing_keys WHERE key_id = $1 AND retired_at IS NULL FOR SHARE',
        [current.keyId],
      );
      if (held.length > 0) return current;
      // Retired by another replica since this one last read its keys.
      await this.reload();
    }
  }

  /** A key this service holds, by id; SEALING_KEY_UNKNOWN for one it does not (or retired). */
  async keyPair(keyId: string | undefined): Promise<SealingKeyPair> {
    if (keyId && !this.keys.has(keyId) && !this.retired.has(keyId)) await this.reload();
    const keyPair = keyId ? this.keys.get(keyId) : undefined;
    if (!keyPair) {
      throw rpcError(
        ErrorCodes.SEALING_KEY_UNKNOWN,
        'sealed to a key this service does not hold; fetch the current key',
      );
    }
    return keyPair;
  }

  /** Opens a box. SEALING_KEY_UNKNOWN for a key this service does not hold (or retired); MESSAGE_INVALID naming `field` if it does not open. */
  async open(sealed: string, field: string): Promise<Buffer> {
    const keyPair = await this.keyPair(sealedKeyId(sealed));
    try {
      return await openBytes(sealed, keyPair);
    } catch (err) {
      if (err instanceof SealedBoxError) {
        throw rpcError(ErrorCodes.MESSAGE_INVALID, `${field} does not open`, {
          errors: [{ field, code: FieldErrorCodes.INVALID, message: 'does not open' }],
        });
      }
      throw err;
    }
  }

  private async add(): Promise<void> {
    await this.repository.createQueryBuilder().insert().values(generateSealingKeyPair()).execute();
  }

  private async reload(): Promise<void> {
    const rows = await this.repository.find({ order: { createdAt: 'DESC', keyId: 'DESC' } });
    const keys = new Map<string, SealingKeyPair>();
    for (const row of rows.filter((key) => !key.retiredAt)) {
      keys.set(row.keyId, {
        keyId: row.keyId,
        publicKey: row.publicKey,
        privateKey: row.privateKey,
      });
    }
    this.keys = keys;
    this.retired = new Set(rows.filter((key) => key.retiredAt).map((key) => key.keyId));
    this.current = keys.values().next().value!;
  }
}

@Module({
  imports: [TypeOrmModule.forFeature([SealingKey])],
  providers: [SealingKeyStore],
  exports: [SealingKeyStore],
})
export class SealingKeyStoreModule {}
