import type { Provider } from '@nestjs/common';
import { ErrorCodes, IdentityPatterns, ImportPatterns, SealingKeyReply } from '@app/contracts';
import { RpcCallError } from '../messaging/rpc-call.error';
import type { RpcClient } from '../messaging/rpc-client';
import { rpcClientToken } from '../messaging/rpc-clients.module';
import { seal } from './sealed-box';

/**
 * HPKE seals in flight at once: every seal holds WebCrypto keys and buffers, and an import's
 * batches sealed all at once took the import process from 150 to 240 MB.
 */
const SEALS_AT_ONCE = 16;

/**
 * Seals secrets to a service's current public key, fetched once and cached. When the
 * service answers that it no longer holds the key a box was sealed to, the key is fetched
 * again and the call made once more.
 */
export class Sealer {
  private key?: Promise<SealingKeyReply>;

  constructor(
    private readonly owner: RpcClient,
    private readonly keyPattern: string,
  ) {}

  async seal(secret: string | Buffer): Promise<string> {
    return seal(secret, await this.currentKey());
  }

  async withSealed<T>(secret: string | Buffer, call: (sealed: string) => Promise<T>): Promise<T> {
    return this.withSealedMany([secret], ([sealed]) => call(sealed));
  }

  async withSealedMany<T>(
    secrets: (string | Buffer)[],
    call: (sealed: string[]) => Promise<T>,
  ): Promise<T> {
    const sealAll = async () => {
      const sealed: string[] = [];
      for (let start = 0; start < secrets.length; start += SEALS_AT_ONCE) {
        const chunk = secrets.slice(start, start + SEALS_AT_ONCE);
        sealed.push(...(await Promise.all(chunk.map((secret) => this.seal(secret)))));
      }
      return sealed;
    };
    try {
      return await call(await sealAll());
    } catch (err) {
      if (!(err instanceof RpcCallError) || err.code !== ErrorCodes.SEALING_KEY_UNKNOWN) throw err;
      this.key = undefined;
      return call(await sealAll());
    }
  }

  private currentKey(): Promise<SealingKeyReply> {
    this.key ??= this.owner.send<SealingKeyReply>(this.keyPattern, {}).catch((err: unknown) => {
      this.key = undefined;
      throw err;
    });
    return this.key;
  }
}

/** Seals passwords to identity's key: only identity ever opens them. */
export class PasswordSealer extends Sealer {
  constructor(identity: RpcClient) {
    super(identity, IdentityPatterns.sealingKeyGet);
  }
}

/** Seals uploaded import files to the import service's key: a file holds every password of its rows. */
export class ImportFileSealer extends Sealer {
  constructor(imports: RpcClient) {
    super(imports, ImportPatterns.sealingKeyGet);
  }
}

/** Nest provider of a PasswordSealer over the identity RpcClient (from RpcClientsModule). */
export const passwordSealerProvider: Provider = {
  provide: PasswordSealer,
  inject: [rpcClientToken('identity')],
  useFactory: (identity: RpcClient) => new PasswordSealer(identity),
};

/** Nest provider of an ImportFileSealer over the import RpcClient. */
export const importFileSealerProvider: Provider = {
  provide: ImportFileSealer,
  inject: [rpcClientToken('import')],
  useFactory: (imports: RpcClient) => new ImportFileSealer(imports),
};
