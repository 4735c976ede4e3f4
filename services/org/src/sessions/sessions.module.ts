import { Module } from '@nestjs/common';
import { EndedSessionExpiry } from './ended-session-expiry.service';
import { EndedSessionsStore } from './ended-sessions.store';

/** Signed-out sessions: kept until their tokens expire, read by every check of an actor. */
@Module({
  providers: [EndedSessionsStore, EndedSessionExpiry],
  exports: [EndedSessionsStore],
})
export class SessionsModule {}
