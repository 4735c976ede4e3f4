/** Field limits of the product specification (section 2); both the gateway and the services enforce them. */
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MAX_LENGTH = 128;
export const NAME_MAX_LENGTH = 128;
export const DESCRIPTION_MAX_LENGTH = 1024;

/**
 * The longest password a body may carry. The policy refuses past PASSWORD_MAX_LENGTH (422,
 * naming the rule); only absurd sizes are refused before it (400).
 */
export const PASSWORD_FIELD_MAX_LENGTH = 1024;

/** The Technician Groups one Administrator may be assigned. */
export const ADMINISTRATOR_GROUPS_MAX = 1000;

/** Access tokens are compact JWS of a few hundred characters; a longer bearer token is refused unread. */
export const ACCESS_TOKEN_MAX_LENGTH = 2048;

/** Options for class-validator's IsEmail: a mailbox on a public domain, no display name. */
export const EMAIL_VALIDATION_OPTIONS = {
  allow_display_name: false,
  require_tld: true,
  allow_ip_domain: false,
  allow_utf8_local_part: true,
} as const;

/** Emails are logins and compared case-insensitively: this is the one normal form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
