import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { ScimTokenView } from '@app/contracts';
import { ScimToken } from '../entities/scim-token.entity';

/** The table of SCIM tokens (`scim_tokens`): every read and write of it. */
@Injectable()
export class ScimTokensStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a token unless its sha-256 is known (a redelivery): the token of that sha-256. */
  async insert(
    row: ScimToken,
    manager = this.dataSource.manager,
  ): Promise<{ token: ScimToken; inserted: boolean }> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ScimToken)
      .values(row)
      .orIgnore()
      .returning(['id'])
      .execute();
    const token = await manager
      .getRepository(ScimToken)
      .findOneByOrFail({ tokenSha256: row.tokenSha256 });
    return { token, inserted: (result.raw as unknown[]).length > 0 };
  }

  /** An organization's tokens not revoked, newest first (a handful: no pages). */
  active(organizationId: string): Promise<ScimToken[]> {
    return this.dataSource.getRepository(ScimToken).find({
      where: { organizationId, revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** Revokes a token of the organization (the first revocation is kept): the token, or none. */
  async revoke(
    organizationId: string,
    id: string,
    by: string,
    manager = this.dataSource.manager,
  ): Promise<{ token: ScimToken; revokedNow: boolean } | null> {
    // The row as it was, locked, beside the update: whether this call is the one that revoked it.
    const [rows]: [{ revokedNow: boolean }[]] = await manager.query(
      `WITH before AS (
         SELECT id, revoked_at FROM scim_tokens
          WHERE organization_id = $1 AND id = $2 FOR UPDATE)
       UPDATE scim_tokens t
          SET revoked_at = COALESCE(t.revoked_at, now()),
              revoked_by = COALESCE(t.revoked_by, $3)
         FROM before
        WHERE t.id = before.id
       RETURNING before.revoked_at IS NULL AS "revokedNow"`,
      [organizationId, id, by],
    );
    if (rows.length === 0) return null;
    const token = await manager.getRepository(ScimToken).findOneByOrFail({ organizationId, id });
    return { token, revokedNow: rows[0].revokedNow };
  }

  /** The token not revoked with this sha-256, its use recorded (at most once a minute). */
  async use(tokenSha256: string): Promise<ScimToken | null> {
    const token = await this.dataSource
      .getRepository(ScimToken)
      .findOneBy({ tokenSha256, revokedAt: IsNull() });
    if (token && (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() >= 60_000)) {
      await this.dataSource.query(
        `UPDATE scim_tokens SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [token.id],
      );
    }
    return token;
  }
}

export function toScimTokenView(token: ScimToken): ScimTokenView {
  return {
    id: token.id,
    name: token.name,
    groupId: token.groupId,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
