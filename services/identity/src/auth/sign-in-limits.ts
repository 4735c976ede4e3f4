import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { ErrorCodes } from '@app/contracts';
import { rpcError } from '@app/platform';
import { IdentitySettings } from '../config/env';

/** An attempt counted against the limits; settle it once its outcome is known. */
export interface Attempt {
  /** The password was right: the account's count starts again, the address gets its point back. */
  succeeded(): Promise<void>;
  /** It ended without checking the password (a service was unavailable): it does not count. */
  undecided(): Promise<void>;
  /**
   * The limits this attempt used the last point of (`account`, `address`): should it fail,
   * the next attempt is refused for the block duration (the audit log's locked-out).
   */
  exhausted: LimitName[];
}

export type LimitName = 'account' | 'address' | 'password-change';

/**
 * Password attempts counted per account (its email, known or not, so that the limit reveals
 * nothing), per client address, and per account for password changes, in identity's
 * database through rate-limiter-flexible, shared by every replica. An attempt is counted
 * before the password is checked, in one atomic step: parallel guesses cannot all pass a
 * check made before any of them was counted. Past a limit, attempts are refused for the
 * block duration, even with the right password.
 */
@Injectable()
export class SignInLimits implements OnModuleInit {
  private perAccount!: RateLimiterPostgres;
  private perAddress!: RateLimiterPostgres;
  private perPasswordChange!: RateLimiterPostgres;
  private readonly names = new Map<RateLimiterPostgres, LimitName>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: IdentitySettings,
  ) {}

  onModuleInit(): void {
    // The table comes from a migration; the pool is TypeORM's own.
    const storeClient = (this.dataSource.driver as unknown as { master: unknown }).master;
    const common = {
      storeClient,
      storeType: 'pool',
      tableName: 'sign_in_failures',
      tableCreated: true,
      duration: this.settings.SIGN_IN_BLOCK_SECONDS,
      blockDuration: this.settings.SIGN_IN_BLOCK_SECONDS,
    };
    this.perAccount = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'account',
      points: this.settings.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
    });
    this.perAddress = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'address',
      points: this.settings.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
    });
    this.perPasswordChange = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'password-change',
      points: this.settings.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
    });
    this.names.set(this.perAccount, 'account');
    this.names.set(this.perAddress, 'address');
    this.names.set(this.perPasswordChange, 'password-change');
  }

  /** Counts a sign-in attempt; TOO_MANY_ATTEMPTS (with retryAfterSeconds) past either limit. */
  signIn(email: string, address: string | undefined): Promise<Attempt> {
    const counted: [RateLimiterPostgres, string][] = [[this.perAccount, email]];
    if (address) counted.push([this.perAddress, address]);
    return this.attempt(counted);
  }

  /**
   * Counts a sign-in through a provider against the address's limit (the account is known
   * only after the provider answered); a success gives the address its point back.
   */
  async ssoSignIn(address: string | undefined): Promise<Attempt> {
    const nothing = () => Promise.resolve();
    if (!address) return { succeeded: nothing, undecided: nothing, exhausted: [] };
    const attempt = await this.attempt([[this.perAddress, address]]);
    return {
      succeeded: async () => {
        await this.perAddress.reward(address, 1);
      },
      undecided: () => attempt.undecided(),
      exhausted: attempt.exhausted,
    };
  }

  /** Counts an attempt at changing the account's password (its current password is checked). */
  passwordChange(accountId: string): Promise<Attempt> {
    return this.attempt([[this.perPasswordChange, accountId]]);
  }

  private async attempt(counted: [RateLimiterPostgres, string][]): Promise<Attempt> {
    const results = await Promise.allSettled(counted.map(([limiter, key]) => limiter.consume(key)));
    const blockedMs = results.flatMap((result) => {
      if (result.status === 'fulfilled') return [];
      if (result.reason instanceof RateLimiterRes) return [result.reason.msBeforeNext];
      throw result.reason;
    });
    const giveBack = async (): Promise<void> => {
      const passed = counted.filter((_, i) => results[i].status === 'fulfilled');
      await Promise.all(passed.map(([limiter, key]) => limiter.reward(key, 1)));
    };
    if (blockedMs.length > 0) {
      // A refused attempt costs nothing on the limits it passed.
      await giveBack();
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...blockedMs) / 1000));
      throw rpcError(ErrorCodes.TOO_MANY_ATTEMPTS, 'too many failed attempts; try again later', {
        details: { retryAfterSeconds },
      });
    }
    return {
      // The account (or change) count starts again; a shared address only gets its point back.
      succeeded: async () => {
        const [[first, key], ...others] = counted;
        await first.delete(key);
        await Promise.all(others.map(([limiter, other]) => limiter.reward(other, 1)));
      },
      undecided: giveBack,
      exhausted: counted.flatMap(([limiter], i) => {
        const result = results[i];
        const last = result.status === 'fulfilled' && result.value.remainingPoints === 0;
        return last ? [this.names.get(limiter)!] : [];
      }),
    };
  }
}
