import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  ServicePrincipalAccount,
  ServicePrincipalView,
  ServiceScope,
} from '@app/contracts';
import { decodeCursor, keysetPage, ServicePrincipalRecord } from '@app/platform';
import { ServicePrincipal } from '../entities/service-principal.entity';

/** A row of service_principals with the names of the accounts it names, as one query reads it. */
interface ViewRow {
  id: string;
  organization_id: string;
  name: string;
  scopes: ServicePrincipalView['scopes'];
  public_key: string;
  enabled: boolean;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  disabled_at: Date | null;
  disabled_by: string | null;
  creator_name: string | null;
  creator_email: string | null;
  disabler_name: string | null;
  disabler_email: string | null;
}

/** Who made and who disabled a principal, by name and email as org knows them now. */
const VIEW_SELECT = `
  SELECT p.*, c.name AS creator_name, c.email AS creator_email,
         d.name AS disabler_name, d.email AS disabler_email
    FROM service_principals p
    LEFT JOIN accounts c ON c.id = p.created_by
    LEFT JOIN accounts d ON d.id = p.disabled_by`;

/** The table of service principals (`service_principals`): every read and write of it. */
@Injectable()
export class ServicePrincipalsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a principal unless its organization has its key already: whether it was inserted. */
  async insert(row: ServicePrincipal, manager = this.dataSource.manager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ServicePrincipal)
      .values(row)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  byPublicKey(organizationId: string, publicKey: string): Promise<ServicePrincipal | null> {
    return this.dataSource.getRepository(ServicePrincipal).findOneBy({ organizationId, publicKey });
  }

  /** One principal of an organization as it is shown. */
  async view(organizationId: string, id: string): Promise<ServicePrincipalView | undefined> {
    const rows: ViewRow[] = await this.dataSource.query(
      `${VIEW_SELECT} WHERE p.organization_id = $1 AND p.id = $2`,
      [organizationId, id],
    );
    return rows[0] && toView(rows[0]);
  }

  /** A page of an organization's principals, newest first. */
  async page(
    organizationId: string,
    query: { limit?: number; cursor?: string },
  ): Promise<{ items: ServicePrincipalView[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor, ['timestamp', 'uuid']) : undefined;
    const rows: ViewRow[] = await this.dataSource.query(
      `${VIEW_SELECT}
        WHERE p.organization_id = $1
          AND ($2::timestamptz IS NULL OR (p.created_at, p.id) < ($2::timestamptz, $3::uuid))
        ORDER BY p.created_at DESC, p.id DESC
        LIMIT $4`,
      [organizationId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const { page, nextCursor } = keysetPage(rows.map(toView), limit, (last) => [
      last.createdAt,
      last.id,
    ]);
    return { items: page, nextCursor };
  }

  /**
   * Disables a principal of the organization (the first who did it is kept): none when it
   * does not exist, else its name and scopes and whether this call disabled it (false: it
   * was disabled already).
   */
  async disable(
    organizationId: string,
    id: string,
    by: string,
    manager = this.dataSource.manager,
  ): Promise<{ name: string; scopes: ServiceScope[]; wasEnabled: boolean } | undefined> {
    // The row as it was, locked, beside the update: whether this call is the one that disabled it.
    const [rows]: [{ name: string; scopes: ServiceScope[]; wasEnabled: boolean }[]] =
      await manager.query(
        `WITH before AS (
           SELECT id, enabled FROM service_principals
            WHERE organization_id = $1 AND id = $2 FOR UPDATE)
         UPDATE service_principals sp
            SET enabled = false,
                disabled_at = COALESCE(sp.disabled_at, now()),
                disabled_by = COALESCE(sp.disabled_by, $3)
           FROM before
          WHERE sp.id = before.id
         RETURNING sp.name, sp.scopes, before.enabled AS "wasEnabled"`,
        [organizationId, id, by],
      );
    return rows[0];
  }

  /** What the transport needs to verify a principal's assertion (any organization). */
  async record(id: string): Promise<ServicePrincipalRecord | undefined> {
    const row = await this.dataSource.getRepository(ServicePrincipal).findOneBy({ id });
    return row ?? undefined;
  }
}

function account(
  accountId: string,
  name: string | null,
  email: string | null,
): ServicePrincipalAccount {
  return { accountId, name, email };
}

function toView(row: ViewRow): ServicePrincipalView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    scopes: row.scopes,
    publicKey: row.public_key,
    enabled: row.enabled,
    createdBy: account(row.created_by, row.creator_name, row.creator_email),
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    disabledBy: row.disabled_by
      ? account(row.disabled_by, row.disabler_name, row.disabler_email)
      : null,
  };
}
