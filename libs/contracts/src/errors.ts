/**
 * Stable error codes. They travel on the wire (RPC error envelopes, problem+json `code`)
 * and clients depend on them: add freely, never rename or reuse one.
 */
export const ErrorCodes = {
  // Requests and messages
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  MESSAGE_INVALID: 'MESSAGE_INVALID',
  UNKNOWN_MESSAGE: 'UNKNOWN_MESSAGE',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  /** Another team's broker user or principal sent too many messages; `details.retryAfterSeconds`. */
  RATE_LIMITED: 'RATE_LIMITED',

  // Authentication and authorization
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  /** The organization signs in through its provider only (a break-glass master excepted). */
  SSO_REQUIRED: 'SSO_REQUIRED',
  /** The organization has no Single Sign-On on (or it is not fully configured). */
  SSO_NOT_CONFIGURED: 'SSO_NOT_CONFIGURED',
  /** The provider's answer was refused: `details.reason` says why (signature, audience, ...). */
  SSO_FAILED: 'SSO_FAILED',
  /** The provider signed in someone whose Single Sign-On ID no account of the organization has. */
  SSO_ACCOUNT_UNKNOWN: 'SSO_ACCOUNT_UNKNOWN',
  /** `required` needs a Test sign-in that succeeded with the protocol settings as they are. */
  SSO_TEST_REQUIRED: 'SSO_TEST_REQUIRED',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  PASSWORD_POLICY: 'PASSWORD_POLICY',
  FORBIDDEN: 'FORBIDDEN',
  FORBIDDEN_GROUP: 'FORBIDDEN_GROUP',

  // Resources
  NOT_FOUND: 'NOT_FOUND',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  GROUP_NOT_FOUND: 'GROUP_NOT_FOUND',
  GROUP_NOT_EMPTY: 'GROUP_NOT_EMPTY',
  /** GET /groups answers at most GROUP_TREE_MAX_GROUPS groups: a larger tree is read by level or searched. */
  TREE_TOO_LARGE: 'TREE_TOO_LARGE',
  TECHNICIAN_NOT_FOUND: 'TECHNICIAN_NOT_FOUND',
  ADMINISTRATOR_NOT_FOUND: 'ADMINISTRATOR_NOT_FOUND',
  IMPORT_NOT_FOUND: 'IMPORT_NOT_FOUND',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  SSO_ID_TAKEN: 'SSO_ID_TAKEN',
  CONFLICT: 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IMPORT_FINISHED: 'IMPORT_FINISHED',

  // Import files (file level)
  FILE_REQUIRED: 'FILE_REQUIRED',
  FILE_EMPTY: 'FILE_EMPTY',
  MALFORMED_FILE: 'MALFORMED_FILE',
  HEADER_MISMATCH: 'HEADER_MISMATCH',
  TOO_MANY_ROWS: 'TOO_MANY_ROWS',
  NO_ROWS: 'NO_ROWS',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',

  // Import rows (row level; VALIDATION_FAILED, EMAIL_TAKEN, ... above also apply)
  INVALID_EMAIL: 'INVALID_EMAIL',
  INVALID_BOOLEAN: 'INVALID_BOOLEAN',
  FIELD_TOO_LONG: 'FIELD_TOO_LONG',
  DUPLICATE_IN_FILE: 'DUPLICATE_IN_FILE',
  GROUP_REQUIRED: 'GROUP_REQUIRED',
  CANCELLED: 'CANCELLED',

  // Infrastructure
  SEALING_KEY_UNKNOWN: 'SEALING_KEY_UNKNOWN',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Its sender settled the command's idempotency key before it ran: it will never run. */
  COMMAND_ABANDONED: 'COMMAND_ABANDONED',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * The `code` of a FieldError when a field is not what its schema says (in MESSAGE_INVALID and
 * VALIDATION_FAILED); PASSWORD_POLICY lists PasswordRuleCodes instead.
 */
export const FieldErrorCodes = {
  /** A required field is missing. */
  REQUIRED: 'REQUIRED',
  /** A field this message does not have. */
  UNKNOWN_FIELD: 'UNKNOWN_FIELD',
  INVALID_EMAIL: 'INVALID_EMAIL',
  INVALID_BOOLEAN: 'INVALID_BOOLEAN',
  FIELD_TOO_LONG: 'FIELD_TOO_LONG',
  /** Any other rule of the field's schema (a type, a format, a box that does not open). */
  INVALID: 'INVALID',
} as const;

/** One problem with one field (of a body, a message or an import row). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * What a message handler answers instead of a reply when it fails. `retryable` tells the
 * transport whether redelivering the same message could succeed (a database that is down)
 * or not (a business rule); it is set by the services' exception filter, not by handlers.
 */
export interface RpcErrorEnvelope {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
  retryable?: boolean;
  /** Extra machine-readable facts (for example `retryAfterSeconds`). Never secrets. */
  details?: Record<string, unknown>;
}

export function isRpcErrorEnvelope(value: unknown): value is RpcErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    Object.prototype.hasOwnProperty.call(ErrorCodes, candidate.code) &&
    typeof candidate.message === 'string'
  );
}
