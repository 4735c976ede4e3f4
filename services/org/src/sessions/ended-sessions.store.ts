import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EndedSession } from './ended-session.entity';
import { deleteInBatches } from '@app/platform';

/** At most this many rows a statement when forgetting. */
const BATCH = 1000;

/** Every read and write of `ended_sessions`. */
@Injectable()
export class EndedSessionsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Ends a session until `expiresAt`; ending it again changes nothing. */
  async end(session: { sessionId: string; accountId: string; expiresAt: Date }): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(EndedSession)
      .values(session)
      .orIgnore()
      .execute();
  }

  /** Whether this session was signed out (one primary-key lookup). */
  isEnded(sessionId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.getRepository(EndedSession).existsBy({ sessionId });
  }

  /** Forgets every session whose token has expired; resolves to how many. */
  forgetExpired(): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      BATCH,
      `DELETE FROM ended_sessions WHERE session_id IN (
         SELECT session_id FROM ended_sessions WHERE expires_at < now() LIMIT $1)`,
      [BATCH],
    );
  }
}
