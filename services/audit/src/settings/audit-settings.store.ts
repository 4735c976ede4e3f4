import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  AUDIT_RETENTION_DAYS,
  AUDIT_SETTINGS_TARGET,
  AuditSettings,
  AuditSettingsUpdatedEvent,
  EventPatterns,
} from '@app/contracts';
import { eventOrigin, Outbox } from '@app/platform';

/** Each organization's audit settings; an organization that never set them has the defaults. */
@Injectable()
export class AuditSettingsStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async get(organizationId: string): Promise<AuditSettings> {
    const [row] = await this.dataSource.query<{ retention_days: number }[]>(
      `SELECT retention_days FROM audit_settings WHERE organization_id = $1`,
      [organizationId],
    );
    return { retentionDays: row?.retention_days ?? AUDIT_RETENTION_DAYS.default };
  }

  /**
   * Saves them and, in the same transaction, publishes `audit.settings.updated.v1` (the log
   * records it as it records any other change). Saving them unchanged publishes nothing.
   */
  async set(
    organizationId: string,
    settings: AuditSettings,
    actor: ActorIdentity,
  ): Promise<AuditSettings> {
    await this.dataSource.transaction(async (manager) => {
      // Serializes two saves of one organization, so that each event's "before" is true.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [organizationId]);
      const [row] = await manager.query<{ retention_days: number }[]>(
        `SELECT retention_days FROM audit_settings WHERE organization_id = $1`,
        [organizationId],
      );
      const before = row?.retention_days ?? AUDIT_RETENTION_DAYS.default;
      await manager.query(
        `INSERT INTO audit_settings (organization_id, retention_days, updated_at)
         VALUES ($1, $2, now())
         ON CONFLICT (organization_id)
         DO UPDATE SET retention_days = EXCLUDED.retention_days, updated_at = now()`,
        [organizationId, settings.retentionDays],
      );
      if (before === settings.retentionDays) return;
      await this.outbox.add(
        manager,
        EventPatterns.auditSettingsUpdated,
        eventOrigin({ ...actor, organizationId }),
        {
          target: AUDIT_SETTINGS_TARGET,
          groupPaths: [],
          changes: [{ field: 'retentionDays', before, after: settings.retentionDays }],
          retentionDays: settings.retentionDays,
        } satisfies AuditSettingsUpdatedEvent,
      );
    });
    return { retentionDays: settings.retentionDays };
  }
}

/** Who saves the settings: the events' principal and origin. */
type ActorIdentity = Pick<Actor, 'accountId' | 'origin'>;
