import { Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { currentLane } from '@app/platform';
import { IdentitySettings } from '../config/env';
import { HashScheduler } from './hash-scheduler';

/** OWASP's argon2id recommendation: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * argon2id hashing, off the event loop (the native module runs on libuv's thread pool),
 * IDENTITY_HASH_CONCURRENCY at once, a person's before an import row's (HashScheduler).
 * `verifyAgainstNothing` spends the same time as a real check, so that an unknown email
 * cannot be told from a wrong password by timing.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash!: string;
  private readonly scheduler: HashScheduler;

  constructor(settings: IdentitySettings) {
    this.scheduler = new HashScheduler(settings.IDENTITY_HASH_CONCURRENCY);
  }

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hash('not a password of anyone', ARGON2_OPTIONS);
  }

  /**
   * On the lane of the message being handled: an import row's hash waits behind a person's,
   * and takes turns with other organizations' (`organizationId`).
   */
  hash(password: string, organizationId?: string): Promise<string> {
    return this.scheduler.run(
      currentLane() ?? 'interactive',
      () => hash(password, ARGON2_OPTIONS),
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
