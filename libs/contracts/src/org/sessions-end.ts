import { IsOptional, IsUUID } from 'class-validator';
import { IsTokenIssuedAt } from '../actor';

/**
 * Command `org.account.sessions.end.v1`: tokens of the account issued before now stop
 * working. Identity sends it when the owner changes their password, after checking the
 * current one and before storing the new one. Refused (UNAUTHENTICATED) when the account is
 * gone or disabled, or when `issuedAt` (the caller's token) is itself older than the last
 * change. Reply: `{}`.
 */
export class EndSessionsCommand {
  @IsUUID()
  accountId!: string;

  @IsUUID()
  organizationId!: string;

  /** The token of the request that asks (seconds since the epoch, with milliseconds). */
  @IsTokenIssuedAt()
  issuedAt?: number;

  /** The session of the caller's token: a signed-out session may not do this either. */
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}
