import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const SWEEP_EVERY_MS = 10 * 60_000;

/** Flows past their time and assertions past their validity go: nothing reads them again. */
@Injectable()
export class SsoFlowSweep implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SsoFlowSweep.name);
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((err: unknown) => this.logger.warn({ err }, 'SSO sweep failed'));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM sso_flows WHERE expires_at < now() - interval '1 hour'`,
    );
    await this.dataSource.query(`DELETE FROM sso_seen_assertions WHERE expires_at < now()`);
  }
}
