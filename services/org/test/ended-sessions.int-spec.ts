import { randomUUID } from 'node:crypto';
import { withMigratedDatabase } from '../../../test/support/schema-check';
import { entities, migrations } from '../src/database/schema';
import { EndedSessionsStore } from '../src/sessions/ended-sessions.store';

describe('org: a signed-out session is kept only until its token expires', () => {
  it('forgets exactly the sessions whose tokens have expired, in batches', async () => {
    await withMigratedDatabase('endedsessions', { entities, migrations }, async (dataSource) => {
      const store = new EndedSessionsStore(dataSource);
      const live = randomUUID();
      const expired = randomUUID();
      const ending = (sessionId: string, inSeconds: number) =>
        store.end({
          sessionId,
          accountId: randomUUID(),
          expiresAt: new Date(Date.now() + inSeconds * 1000),
        });
      await ending(live, 600);
      await ending(live, 600); // signing out twice changes nothing
      await ending(expired, -1);
      // More than one batch of long-expired sessions, as after a long outage of the job.
      await dataSource.query(
        `INSERT INTO ended_sessions (session_id, account_id, expires_at)
         SELECT gen_random_uuid(), gen_random_uuid(), now() - interval '1 hour'
           FROM generate_series(1, 1500)`,
      );

      expect(await store.isEnded(live)).toBe(true);
      expect(await store.isEnded(expired)).toBe(true);

      expect(await store.forgetExpired()).toBe(1501);
      expect(await store.isEnded(expired)).toBe(false);
      expect(await store.isEnded(live)).toBe(true);
      expect(await store.forgetExpired()).toBe(0);
    });
  });
});
