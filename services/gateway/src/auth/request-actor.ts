import type { Request } from 'express';
import type { Actor } from '@app/contracts';

export interface RequestActor extends Actor {
  mustChangePassword: boolean;
  issuedAt: number;
}

export interface AuthenticatedRequest extends Request {
  actor: RequestActor;
}

/**
 * The Actor sent with commands: identification, and when its token was issued (a token
 * older than the account's last password change is refused where the account is read).
 */
export function toActor(actor: RequestActor): Actor {
  return {
    accountId: actor.accountId,
    organizationId: actor.organizationId,
    role: actor.role,
    issuedAt: actor.issuedAt,
  };
}
