import type { Request } from 'express';
import type { Actor } from '@app/contracts';

export interface RequestActor extends Actor {
  mustChangePassword: boolean;
}

export interface AuthenticatedRequest extends Request {
  actor: RequestActor;
}

/** The Actor sent with commands: identification only, without token details. */
export function toActor(actor: RequestActor): Actor {
  return { accountId: actor.accountId, organizationId: actor.organizationId, role: actor.role };
}
