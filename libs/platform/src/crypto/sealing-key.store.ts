import { Injectable, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import {
  ErrorCodes,
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

  /** Boxes sealed to `keyId` are refused from now on. */
  async retire(keyId: string): Promise<SealingKeyReply> {
    await this.reload();
    if (!this.keys.has(keyId) && !this.retired.has(keyId))
      throw rpcError(ErrorCodes.NOT_FOUND, `no sealing key ${keyId}`);
    if (keyId === this.current.keyId)
      throw rpcError(ErrorCodes.CONFLICT, 'the current key cannot be retired; rotate first');
    await this.repository.update({ keyId, retiredAt: IsNull() }, { retiredAt: () => 'now()' });
    await this.reload();
    return this.publicKey();
  }

  /** Opens a box. SEALING_KEY_UNKNOWN for a key this service does not hold (or retired); MESSAGE_INVALID naming `field` if it does not open. */
  async open(sealed: string, field: string): Promise<Buffer> {
    const keyId = sealedKeyId(sealed);
    if (keyId && !this.keys.has(keyId) && !this.retired.has(keyId)) await this.reload();
    const keyPair = keyId ? this.keys.get(keyId) : undefined;
    if (!keyPair) {
      throw rpcError(
        ErrorCodes.SEALING_KEY_UNKNOWN,
        'sealed to a key this service does not hold; fetch the current key',
      );
    }
    try {
      return await openBytes(sealed, keyPair);
    } catch (err) {
      if (err instanceof SealedBoxError) {
        throw rpcError(ErrorCodes.MESSAGE_INVALID, `${field} does not open`, {
          errors: [{ field, code: 'INVALID', message: 'does not open' }],
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
