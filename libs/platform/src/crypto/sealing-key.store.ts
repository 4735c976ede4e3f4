import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ErrorCodes } from '@app/contracts';
import { rpcError } from '../messaging/rpc-error.filter';
import {
  generateSealingKeyPair,
  openBytes,
  SealedBoxError,
  sealedKeyId,
  SealingKeyPair,
} from './sealed-box';
import { SealingKey } from './sealing-key.entity';

/**
 * A service's sealing key pair (identity: passwords; import: uploaded files): created on
 * the first start, shared by every replica through the service's database (the oldest key
 * is the current one, so replicas that raced to create one agree), and kept so that boxes
 * sealed to an older key still open.
 */
@Injectable()
export class SealingKeyStore implements OnModuleInit {
  private readonly keys = new Map<string, SealingKeyPair>();
  private current!: SealingKeyPair;

  constructor(@InjectRepository(SealingKey) private readonly repository: Repository<SealingKey>) {}

  async onModuleInit(): Promise<void> {
    if ((await this.repository.count()) === 0) {
      await this.repository
        .createQueryBuilder()
        .insert()
        .values(generateSealingKeyPair())
        .orIgnore()
        .execute();
    }
    await this.reload();
  }

  publicKey(): { keyId: string; publicKey: string; algorithm: 'x25519-hkdf-sha256-aes-256-gcm' } {
    return {
      keyId: this.current.keyId,
      publicKey: this.current.publicKey,
      algorithm: 'x25519-hkdf-sha256-aes-256-gcm',
    };
  }

  /** Opens a box. SEALING_KEY_UNKNOWN for a key this service does not hold; MESSAGE_INVALID naming `field` if it does not open. */
  async open(sealed: string, field: string): Promise<Buffer> {
    const keyId = sealedKeyId(sealed);
    if (keyId && !this.keys.has(keyId)) await this.reload();
    const keyPair = keyId ? this.keys.get(keyId) : undefined;
    if (!keyPair) {
      throw rpcError(
        ErrorCodes.SEALING_KEY_UNKNOWN,
        'sealed to a key this service does not hold; fetch the current key',
      );
    }
    try {
      return openBytes(sealed, keyPair);
    } catch (err) {
      if (err instanceof SealedBoxError) {
        throw rpcError(ErrorCodes.MESSAGE_INVALID, `${field} does not open`, {
          errors: [{ field, code: 'INVALID', message: 'does not open' }],
        });
      }
      throw err;
    }
  }

  private async reload(): Promise<void> {
    const rows = await this.repository.find({ order: { createdAt: 'ASC', keyId: 'ASC' } });
    for (const row of rows) {
      this.keys.set(row.keyId, {
        keyId: row.keyId,
        publicKey: row.publicKey,
        privateKey: row.privateKey,
      });
    }
    this.current = this.keys.get(rows[0].keyId)!;
  }
}

@Module({
  imports: [TypeOrmModule.forFeature([SealingKey])],
  providers: [SealingKeyStore],
  exports: [SealingKeyStore],
})
export class SealingKeyStoreModule {}
