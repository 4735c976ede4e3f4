import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AUDIT_RETENTION_DAYS, AuditSettings } from '@app/contracts';

/** Each organization's audit settings; an organization that never set them has the defaults. */
@Injectable()
export class AuditSettingsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(organizationId: string): Promise<AuditSettings> {
    const [row] = await this.dataSource.query<{ retention_days: number }[]>(
      `SELECT retention_days FROM audit_settings WHERE organization_id = $1`,
      [organizationId],
    );
    return { retentionDays: row?.retention_days ?? AUDIT_RETENTION_DAYS.default };
  }

  async set(organizationId: string, settings: AuditSettings): Promise<AuditSettings> {
    await this.dataSource.query(
      `INSERT INTO audit_settings (organization_id, retention_days, updated_at)
       VALUES ($1, $2, now())
       ON CONFLICT (organization_id)
       DO UPDATE SET retention_days = EXCLUDED.retention_days, updated_at = now()`,
      [organizationId, settings.retentionDays],
    );
    return { retentionDays: settings.retentionDays };
  }
}
