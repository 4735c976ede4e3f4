import type { MessageProperties } from 'amqplib';
import { getMetadataStorage } from 'class-validator';
import { Actor, COMMAND_CATALOG, CommandEntry, ErrorCodes, RpcErrorEnvelope } from '@app/contracts';
import { AccessTokenVerifier, InvalidAccessToken } from '../auth/access-token';

export interface PrincipalGateOptions {
  /**
   * RabbitMQ users of this product's own services. RabbitMQ refuses a `user_id` property
   * that is not the publisher's own user, so a message carrying one of these was sent by one
   * of our services, which name their actor in the payload (taken from a verified token).
   */
  internalUsers: string[];
  /** Verifies the tokens other services present; none: they are not heard at all. */
  jwtSecret?: string;
}

export type Admission = { ok: true; data: unknown } | { ok: false; error: RpcErrorEnvelope };

/** The header another service proves its principal with: `Bearer <access token>`. */
export const AUTHORIZATION_HEADER = 'authorization';

/**
 * Who may send what, decided where a message is consumed. Our own services (their broker
 * user in `user_id`) are trusted as before. Any other sender may use only the `public`
 * messages of the catalog, and those that act for someone must carry the access token of
 * that administrator: its verified claims become the `actor` (whatever the payload said),
 * and the service's own checks (role, scope, account enabled, token not older than the last
 * password change) then apply as to a person at the REST API.
 */
export class PrincipalGate {
  private readonly internalUsers: Set<string>;
  private readonly tokens?: AccessTokenVerifier;

  constructor(options: PrincipalGateOptions) {
    this.internalUsers = new Set(options.internalUsers);
    if (options.jwtSecret) this.tokens = new AccessTokenVerifier(options.jwtSecret);
  }

  async admit(pattern: string, data: unknown, properties: MessageProperties): Promise<Admission> {
    const sender = properties.userId as string | undefined;
    if (sender && this.internalUsers.has(sender)) return { ok: true, data };

    const entry = (COMMAND_CATALOG as Record<string, CommandEntry | undefined>)[pattern];
    if (!entry || entry.audience !== 'public') {
      return refused(ErrorCodes.FORBIDDEN, `${pattern} is open only to this product's services`);
    }
    if (!entry.request || !actsForSomeone(entry.request)) return { ok: true, data };
    if (!this.tokens) {
      return refused(ErrorCodes.UNAUTHENTICATED, 'this service verifies no tokens (JWT_SECRET)');
    }
    let token;
    try {
      token = await this.tokens.verifyBearer(properties.headers?.[AUTHORIZATION_HEADER]);
    } catch (err) {
      if (err instanceof InvalidAccessToken)
        return refused(ErrorCodes.UNAUTHENTICATED, err.message);
      throw err;
    }
    if (token.mustChangePassword) {
      return refused(ErrorCodes.PASSWORD_CHANGE_REQUIRED, 'the password must be changed first');
    }
    const actor: Actor = {
      accountId: token.accountId,
      organizationId: token.organizationId,
      role: token.role,
      issuedAt: token.issuedAt,
    };
    const payload = typeof data === 'object' && data !== null ? data : {};
    return { ok: true, data: { ...payload, actor } };
  }
}

function refused(code: RpcErrorEnvelope['code'], message: string): Admission {
  return { ok: false, error: { code, message } };
}

const actorFields = new Map<Function, boolean>();

/** Whether a payload class names an `actor` (its own rules or inherited ones). */
function actsForSomeone(request: Function): boolean {
  let known = actorFields.get(request);
  if (known === undefined) {
    known = getMetadataStorage()
      .getTargetValidationMetadatas(request, '', true, false)
      .some((rule) => rule.propertyName === 'actor');
    actorFields.set(request, known);
  }
  return known;
}
