import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AUDIT_RETENTION_DAYS } from '@app/contracts';
import { describeConnectionError, PeriodicTask } from '@app/platform';
import { AuditServiceSettings } from '../config/env';

/** Entries removed in one transaction, so that a pass never holds a chain head for long. */
const BATCH = 5000;
const DAY_MS = 86_400_000;

/**
 * Removes each organization's expired entries (the change's `time` older than its
 * `retentionDays`) from the oldest up, never one from the middle: the removed entries are a
 * prefix of the chain, and the chain head keeps the sequence and hash of the last one, from
 * which `audit:verify` starts. The delete is allowed by the table's trigger only inside this
 * transaction (`audit.retention`).
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditRetention.name);
  private readonly task = new PeriodicTask(
    () => this.pass(),
    (err) => this.logger.warn({ error: describeConnectionError(err) }, 'the retention pass failed'),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: AuditServiceSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.settings.AUDIT_RETENTION_INTERVAL_SECONDS * 1000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  async pass(now = new Date()): Promise<number> {
    const organizations = await this.dataSource.query<
      { organization_id: string; retention_days: number }[]
    >(
      `SELECT h.organization_id, COALESCE(s.retention_days, $1) AS retention_days
       FROM audit_chain_heads h LEFT JOIN audit_settings s USING (organization_id)`,
      [AUDIT_RETENTION_DAYS.default],
    );
    let removed = 0;
    for (const { organization_id, retention_days } of organizations) {
      const cutoff = new Date(now.getTime() - retention_days * DAY_MS);
      for (;;) {
        const count = await this.prune(organization_id, cutoff);
        removed += count;
        if (count < BATCH) break;
      }
    }
    if (removed > 0) this.logger.log({ removed }, 'expired audit entries removed');
    return removed;
  }

  private prune(organizationId: string, cutoff: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [head] = await manager.query<{ pruned_sequence: string }[]>(
        `SELECT pruned_sequence FROM audit_chain_heads WHERE organization_id = $1 FOR UPDATE`,
        [organizationId],
      );
      const oldest = await manager.query<{ sequence: string; time: Date; hash: string }[]>(
        `SELECT sequence, time, hash FROM audit_entries
         WHERE organization_id = $1 AND sequence > $2 ORDER BY sequence LIMIT ${BATCH}`,
        [organizationId, head.pruned_sequence],
      );
      const expired = oldest.findIndex((entry) => entry.time >= cutoff);
      const last = oldest[(expired === -1 ? oldest.length : expired) - 1];
      if (!last) return 0;
      await manager.query(`SET LOCAL audit.retention = 'on'`);
      const deleted = await manager.query<[unknown[], number]>(
        `DELETE FROM audit_entries WHERE organization_id = $1 AND sequence > $2 AND sequence <= $3`,
        [organizationId, head.pruned_sequence, last.sequence],
      );
      await manager.query(
        `UPDATE audit_chain_heads SET pruned_sequence = $2, pruned_hash = $3
         WHERE organization_id = $1`,
        [organizationId, last.sequence, last.hash],
      );
      return deleted[1];
    });
  }
}
