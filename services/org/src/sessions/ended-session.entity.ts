import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A session that was signed out: its token (`sid`) is refused until it would have expired,
 * then the row is forgotten (EndedSessionExpiry). Kept here, beside the accounts, because
 * every check of an actor (ScopePolicy) reads it, on every replica of every service at once.
 */
@Entity('ended_sessions')
@Index('ended_sessions_expires_idx', ['expiresAt'])
export class EndedSession {
  @PrimaryColumn('uuid')
  sessionId!: string;

  @Column('uuid')
  accountId!: string;

  /** The token's `exp`: after it the token is refused anyway. */
  @Column('timestamptz')
  expiresAt!: Date;
}
