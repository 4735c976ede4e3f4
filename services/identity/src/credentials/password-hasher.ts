import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { currentLane } from '@app/platform';
import { IdentitySettings } from '../config/env';
import { ARGON2_OPTIONS } from './argon2-options';
import { BulkHashPool } from './bulk-hash-pool';
import { HashScheduler } from './hash-scheduler';

export { ARGON2_OPTIONS };

/**
 * argon2id hashing, off the event loop (the native module runs on libuv's thread pool),
 * IDENTITY_HASH_CONCURRENCY at once, a person's before an import row's (HashScheduler).
 * `verifyAgainstNothing` spends the same time as a real check, so that an unknown email
 * cannot be told from a wrong password by timing.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit, OnModuleDestroy {
  private dummyHash!: string;
  private readonly scheduler: HashScheduler;
  private readonly bulkPool: BulkHashPool;

  constructor(settings: IdentitySettings) {
    this.scheduler = new HashScheduler(settings.IDENTITY_HASH_CONCURRENCY);
    this.bulkPool = new BulkHashPool(settings.IDENTITY_HASH_CONCURRENCY);
  }

  onModuleDestroy(): Promise<void> {
    return this.bulkPool.close();
  }

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hash('not a password of anyone', ARGON2_OPTIONS);
  }

  /**
   * On the lane of the message being handled: an import row's hash waits behind a person's,
   * and takes turns with other organizations' (`organizationId`).
   */
  hash(password: string, organizationId?: string): Promise<string> {
    const lane = currentLane() ?? 'interactive';
    return this.scheduler.run(
      lane,
      // An import row's on a thread of the lowest CPU priority (BulkHashPool).
      () => (lane === 'bulk' ? this.bulkPool.hash(password) : hash(password, ARGON2_OPTIONS)),
      organizationId,
    );
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await this.scheduler.run(currentLane() ?? 'interactive', () =>
        verify(passwordHash, password),
      );
    } catch {
      return false;
    }
  }

  async verifyAgainstNothing(password: string): Promise<false> {
    await this.verify(this.dummyHash, password);
    return false;
  }
}
