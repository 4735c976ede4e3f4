import type { MessageProperties } from 'amqplib';
import { getMetadataStorage } from 'class-validator';
import {
  Actor,
  COMMAND_CATALOG,
  CommandEntry,
  ErrorCodes,
  Roles,
  RpcErrorEnvelope,
} from '@app/contracts';
import { AccessTokenVerifier, InvalidAccessToken } from '../auth/access-token';
import {
  isServiceAssertion,
  ServicePrincipalLookup,
  verifyServiceAssertion,
} from '../auth/service-assertion';

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
 * messages of the catalog, and those that act for someone must prove whom:
 * - for an administrator, with its access token: the verified claims become the `actor`
 *   (whatever the payload said), and the service's own checks (role, scope, account
 *   enabled, token not older than the last password change, its session not signed out)
 *   apply as at the REST API;
 * - as a service principal, with an assertion signed by its key (org only): the message
 *   must be one its scopes allow, and it then acts with its organization-wide reach.
 */
export class PrincipalGate {
  private readonly internalUsers: Set<string>;
  private readonly tokens?: AccessTokenVerifier;
  private servicePrincipals?: ServicePrincipalLookup;

  constructor(options: PrincipalGateOptions) {
    this.internalUsers = new Set(options.internalUsers);
    if (options.jwtSecret) this.tokens = new AccessTokenVerifier(options.jwtSecret);
  }

  /** Where service principals are kept (org): only that service hears them. */
  useServicePrincipals(lookup: ServicePrincipalLookup): void {
    this.servicePrincipals = lookup;
  }

  async admit(pattern: string, data: unknown, properties: MessageProperties): Promise<Admission> {
    const sender = properties.userId as string | undefined;
    if (sender && this.internalUsers.has(sender)) return { ok: true, data };

    const entry = (COMMAND_CATALOG as Record<string, CommandEntry | undefined>)[pattern];
    if (!entry || entry.audience !== 'public') {
      return refused(ErrorCodes.FORBIDDEN, `${pattern} is open only to this product's services`);
    }
    if (!entry.request || !actsForSomeone(entry.request)) return { ok: true, data };
    const authorization = properties.headers?.[AUTHORIZATION_HEADER] as unknown;
    const bearer =
      typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
    let actor: Actor;
    try {
      if (bearer && isServiceAssertion(bearer)) {
        if (!this.servicePrincipals) {
          return refused(
            ErrorCodes.UNAUTHENTICATED,
            "service principals may send org's messages only",
          );
        }
        const principal = await verifyServiceAssertion(bearer, this.servicePrincipals);
        if (!entry.scope || !principal.scopes.includes(entry.scope)) {
          return refused(
            ErrorCodes.FORBIDDEN,
            entry.scope
              ? `${pattern} needs the scope ${entry.scope}`
              : `${pattern} is not open to service principals`,
          );
        }
        actor = {
          accountId: principal.id,
          organizationId: principal.organizationId,
          role: Roles.MASTER_ADMIN,
          servicePrincipalId: principal.id,
        };
      } else {
        if (!this.tokens) {
          return refused(
            ErrorCodes.UNAUTHENTICATED,
            'this service verifies no tokens (JWT_SECRET)',
          );
        }
        const token = await this.tokens.verifyBearer(authorization);
        if (token.mustChangePassword) {
          return refused(ErrorCodes.PASSWORD_CHANGE_REQUIRED, 'the password must be changed first');
        }
        actor = {
          accountId: token.accountId,
          organizationId: token.organizationId,
          role: token.role,
          issuedAt: token.issuedAt,
          sessionId: token.sessionId,
        };
      }
    } catch (err) {
      if (err instanceof InvalidAccessToken)
        return refused(ErrorCodes.UNAUTHENTICATED, err.message);
      throw err;
    }
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
