import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AssertionUse } from '@app/platform';
import { deleteInBatches } from '@app/platform';

/** At most this many used assertions deleted a statement. */
const EXPIRY_BATCH = 1000;

/** The table of used assertions (`service_assertion_uses`): every read and write of it. */
@Injectable()
export class ServiceAssertionUsesStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records an assertion's use; false when its principal used that `jti` before (see
   * ServicePrincipalDirectory.firstUse). One statement: the insert that decides (ON CONFLICT
   * DO NOTHING: of two replicas inserting at once, one wins), and the principal's last use,
   * written only on a first use and at most once a minute (a busy principal sends many
   * messages a minute; the condition re-read under the row lock keeps it to one write).
   */
  async firstUse(use: AssertionUse): Promise<boolean> {
    const [row]: { first: boolean; same_message: boolean }[] = await this.dataSource.query(
      `WITH used AS (
         INSERT INTO service_assertion_uses (principal_id, jti, message_digest, keep_until)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (principal_id, jti) DO NOTHING
         RETURNING 1
       ), touched AS (
         UPDATE service_principals SET last_used_at = now()
          WHERE id = $1 AND EXISTS (SELECT 1 FROM used)
            AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM used) AS first,
              EXISTS (SELECT 1 FROM service_assertion_uses
                       WHERE principal_id = $1 AND jti = $2 AND message_digest = $3) AS same_message`,
      [use.principalId, use.jti, use.messageDigest, use.keepUntil],
    );
    return row.first || (use.redelivered && row.same_message);
  }

  /** Deletes the uses whose assertions have expired; resolves to how many. */
  expire(): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      EXPIRY_BATCH,
      `DELETE FROM service_assertion_uses WHERE ctid IN (
         SELECT ctid FROM service_assertion_uses WHERE keep_until < now() LIMIT $1)`,
      [EXPIRY_BATCH],
    );
  }
}
