/** Field limits of the product specification (section 2); both the gateway and the services enforce them. */
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MAX_LENGTH = 128;
export const NAME_MAX_LENGTH = 128;
export const DESCRIPTION_MAX_LENGTH = 1024;

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
