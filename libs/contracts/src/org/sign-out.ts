import { Type } from 'class-transformer';
import { IsNumber, Max, Min, ValidateNested } from 'class-validator';
import { Actor } from '../actor';

/**
 * Command `org.account.sign-out.v1`: the actor's session ends, so its token is refused at
 * once everywhere (every check of the actor, at the REST API and over RabbitMQ). The gateway
 * sends it for `POST /api/v1/auth/logout`, with the actor and expiry of the verified token.
 * A token without a session id (issued before tokens carried one) ends with every session
 * of the account issued up to it. Refused (UNAUTHENTICATED) when the token no longer
 * stands: signed out already, the account gone or disabled, the password changed since.
 * Reply: `{}`.
 */
export class SignOutCommand {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  /** When the token expires (its `exp`, seconds since the epoch): kept until then, then forgotten. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e11)
  expiresAt!: number;
}
