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
  ServicePrincipalDirectory,
  verifyServiceAssertion,
} from '../auth/service-assertion';
import type { MessageSender } from './sender';
import type { MessageLimits, SenderKind } from './sender-limits';

export interface PrincipalGateOptions {
  /**
   * RabbitMQ users of this product's own services. RabbitMQ refuses a `user_id` property
   * that is not the publisher's own user, so a message carrying one of these was sent by one
   * of our services, which name their actor in the payload (taken from a verified token).
   */
  internalUsers: string[];
  /** Verifies the tokens other services present; none: they are not heard at all. */
  jwtSecret?: string;
  /** How many messages other teams may send; none: not counted (unit tests). */
  limits?: MessageLimits;
}

export type Admission =
  { ok: true; data: unknown; sender?: MessageSender } | { ok: false; error: RpcErrorEnvelope };

/** How a message arrived: its bytes, and whether the broker delivers it again. */
export interface Delivery {
  content: Buffer;
  redelivered: boolean;
}

/** The header another service proves its principal with: `Bearer <access token>`. */
export const AUTHORIZATION_HEADER = 'authorization';

/**
 * Who may send what, decided where a message is consumed. Our own services (their broker
 * user in `user_id`) are trusted as before. Any other sender must name its broker user in
 * `user_id` (RabbitMQ refuses a wrong one), is counted against the rate limits of that user
 * and of its principal, may use only the `public` messages of the catalog and none of their
 * internal fields, and those that act for someone must prove whom:
 * - for an administrator, with its access token: the verified claims become the `actor`
 *   (whatever the payload said, its `origin` the sender's broker user), and the service's own checks (role, scope, account
 *   enabled, token not older than the last password change, its session not signed out)
 *   apply as at the REST API;
 * - as a service principal, with an assertion signed by its key (org only): the message
 *   must be one its scopes allow, and it then acts with its organization-wide reach; an
 *   assertion is good for one message (see verifyServiceAssertion).
 */
export class PrincipalGate {
  private readonly internalUsers: Set<string>;
  private readonly tokens?: AccessTokenVerifier;
  private readonly limits?: MessageLimits;
  private servicePrincipals?: ServicePrincipalDirectory;

  constructor(options: PrincipalGateOptions) {
    this.internalUsers = new Set(options.internalUsers);
    this.limits = options.limits;
    if (options.jwtSecret) this.tokens = new AccessTokenVerifier(options.jwtSecret);
  }

  /** Where service principals are kept (org): only that service hears them. */
  useServicePrincipals(directory: ServicePrincipalDirectory): void {
    this.servicePrincipals = directory;
  }

  /** `delivery` tells a redelivery of a message from a replay of its assertion (none: neither). */
  async admit(
    pattern: string,
    data: unknown,
    properties: MessageProperties,
    delivery: Delivery = { content: Buffer.alloc(0), redelivered: false },
  ): Promise<Admission> {
    const brokerUser = properties.userId as string | undefined;
    if (brokerUser && this.internalUsers.has(brokerUser)) {
      return { ok: true, data, sender: { brokerUser, internal: true } };
    }
    if (!brokerUser) {
      return refused(
        ErrorCodes.UNAUTHENTICATED,
        'set the user_id property to your broker user (RabbitMQ checks it)',
      );
    }
    const sender: MessageSender = { brokerUser, internal: false };
    const userWait = await this.overLimit('user', brokerUser);
    if (userWait) return userWait;

    const entry = (COMMAND_CATALOG as Record<string, CommandEntry | undefined>)[pattern];
    if (!entry || entry.audience !== 'public') {
      return refused(ErrorCodes.FORBIDDEN, `${pattern} is open only to this product's services`);
    }
    const internalField = entry.internalFields?.find((field) => isSet(data, field));
    if (internalField) {
      return refused(
        ErrorCodes.FORBIDDEN,
        `only this product's own services may set ${internalField}`,
      );
    }
    if (!entry.request || !actsForSomeone(entry.request)) return { ok: true, data, sender };
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
        const principal = await verifyServiceAssertion(bearer, this.servicePrincipals, {
          pattern,
          content: delivery.content,
          replyTo: properties.replyTo as string | undefined,
          correlationId: properties.correlationId as string | undefined,
          redelivered: delivery.redelivered,
        });
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
          origin: { channel: 'amqp', brokerUser },
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
          origin: { channel: 'amqp', brokerUser },
        };
      }
    } catch (err) {
      if (err instanceof InvalidAccessToken)
        return refused(ErrorCodes.UNAUTHENTICATED, err.message);
      throw err;
    }
    const principalWait = await this.overLimit(
      'principal',
      actor.servicePrincipalId ?? actor.accountId,
    );
    if (principalWait) return principalWait;
    const payload = typeof data === 'object' && data !== null ? data : {};
    return { ok: true, data: { ...payload, actor }, sender };
  }

  /** A RATE_LIMITED refusal when this message is one too many for `id`, else undefined. */
  private async overLimit(kind: SenderKind, id: string): Promise<Admission | undefined> {
    const retryAfterSeconds = await this.limits?.consume(kind, id);
    if (retryAfterSeconds === undefined) return undefined;
    return {
      ok: false,
      error: {
        code: ErrorCodes.RATE_LIMITED,
        message: `too many messages from this ${kind === 'user' ? 'broker user' : 'principal'}; try again in ${retryAfterSeconds} s`,
        details: { retryAfterSeconds },
      },
    };
  }
}

function isSet(data: unknown, field: string): boolean {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as Record<string, unknown>)[field] !== undefined
  );
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
