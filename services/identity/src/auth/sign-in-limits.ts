import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { ErrorCodes } from '@app/contracts';
import { rpcError } from '@app/platform';
import { IdentitySettings } from '../config/env';

/**
 * Failed sign-ins counted per account (its email, known or not, so that the limit reveals
 * nothing) and per client address, in identity's database through rate-limiter-flexible,
 * shared by every replica. Past the limit, sign-in is refused for the block duration, even
 * with the right password. A success clears the account's count.
 */
@Injectable()
export class SignInLimits implements OnModuleInit {
  private perAccount!: RateLimiterPostgres;
  private perAddress!: RateLimiterPostgres;

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
  }

  /** TOO_MANY_ATTEMPTS (with retryAfterSeconds) when either count is used up. */
  async assertAllowed(email: string, address: string | undefined): Promise<void> {
    const [account, client] = await Promise.all([
      this.perAccount.get(email),
      address ? this.perAddress.get(address) : Promise.resolve(null),
    ]);
    const blocked = [
      exhausted(account, this.settings.SIGN_IN_MAX_FAILURES_PER_ACCOUNT),
      exhausted(client, this.settings.SIGN_IN_MAX_FAILURES_PER_ADDRESS),
    ].filter((ms): ms is number => ms !== undefined);
    if (blocked.length > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...blocked) / 1000));
      throw rpcError(ErrorCodes.TOO_MANY_ATTEMPTS, 'too many failed sign-ins; try again later', {
        details: { retryAfterSeconds },
      });
    }
  }

  async recordFailure(email: string, address: string | undefined): Promise<void> {
    await Promise.all([
      this.perAccount.consume(email).catch(swallowLimit),
      address ? this.perAddress.consume(address).catch(swallowLimit) : undefined,
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}

function exhausted(result: RateLimiterRes | null, points: number): number | undefined {
  return result && result.consumedPoints >= points ? result.msBeforeNext : undefined;
}

/** consume() rejects with a RateLimiterRes once the limit is passed: that is expected here. */
function swallowLimit(err: unknown): void {
  if (!(err instanceof RateLimiterRes)) throw err;
}
