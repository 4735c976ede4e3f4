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
  async insert(row: ScimToken): Promise<ScimToken> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ScimToken)
      .values(row)
      .orIgnore()
      .execute();
    return this.dataSource
      .getRepository(ScimToken)
      .findOneByOrFail({ tokenSha256: row.tokenSha256 });
  }

  /** An organization's tokens not revoked, newest first (a handful: no pages). */
  active(organizationId: string): Promise<ScimToken[]> {
    return this.dataSource.getRepository(ScimToken).find({
      where: { organizationId, revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** Revokes a token of the organization (the first revocation is kept): the token, or none. */
  async revoke(organizationId: string, id: string, by: string): Promise<ScimToken | null> {
    await this.dataSource.query(
      `UPDATE scim_tokens SET revoked_at = COALESCE(revoked_at, now()),
                              revoked_by = COALESCE(revoked_by, $3)
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, by],
    );
    return this.dataSource.getRepository(ScimToken).findOneBy({ organizationId, id });
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
