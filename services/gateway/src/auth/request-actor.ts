import type { Request } from 'express';
import type { Actor } from '@app/contracts';

export interface RequestActor extends Actor {
  mustChangePassword: boolean;
  issuedAt: number;
  /** When the token expires (its `exp`): a signed-out session is remembered until then. */
  expiresAt: number;
  /** The client's address (for the events a command causes: the audit log's "from where"). */
  clientAddress?: string;
}

export interface AuthenticatedRequest extends Request {
  actor: RequestActor;
}

/**
 * The Actor sent with commands: identification, when its token was issued and its session
 * (a token older than the account's last password change, or of a signed-out session, is
 * refused where the account is read), and where the request came from.
 */
export function toActor(actor: RequestActor): Actor {
  return {
    accountId: actor.accountId,
    organizationId: actor.organizationId,
    role: actor.role,
    issuedAt: actor.issuedAt,
    sessionId: actor.sessionId,
    origin: {
      channel: 'rest',
      ...(actor.clientAddress ? { address: actor.clientAddress } : {}),
    },
  };
}
