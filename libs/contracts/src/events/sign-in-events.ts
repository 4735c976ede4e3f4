import type { AuditedChange } from './audited-change';

/**
 * Events of signing in and of an account's own password, published by identity (CloudEvents,
 * see `cloud-event.ts`). The target is the account (`{type:'account', id, name:<email>}`), the
 * principal `accounts/<id>`; the channel `rest` (the client's address), `sso` (a sign-in
 * through the organization's identity provider) or `amqp` (another team's service signing in
 * over the broker, origin its broker user). Never a password, a hash or a token.
 */
export const SIGN_IN_METHODS = ['password', 'sso'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** `identity.sign-in.succeeded.v1`: the account signed in (an access token was issued). */
export interface SignInSucceededEvent extends AuditedChange {
  accountId: string;
  method: SignInMethod;
}

/**
 * `identity.sign-in.failed.v1`: a sign-in of a known account was refused. `reason` is the
 * error code answered (`INVALID_CREDENTIALS`, `ACCOUNT_DISABLED`, `SSO_REQUIRED`, ...). An
 * email that belongs to no account has no organization to record it in: no event (docs/AUDIT.md).
 */
export interface SignInFailedEvent extends AuditedChange {
  accountId: string;
  method: SignInMethod;
  reason: string;
}

/**
 * `identity.sign-in.locked-out.v1`: this failure used the last attempt the limits allow:
 * attempts are refused (TOO_MANY_ATTEMPTS) for `blockSeconds`, of the account (`limit`
 * `account`) or from the client address or broker user (`address`).
 */
export interface SignInLockedOutEvent extends AuditedChange {
  accountId: string;
  limit: 'account' | 'address';
  blockSeconds: number;
}

/** `identity.password.changed.v1`: the account changed its own password (no values, ever). */
export interface PasswordChangedEvent extends AuditedChange {
  accountId: string;
}
