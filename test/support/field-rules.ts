import { dictionary } from '@zxcvbn-ts/language-common';
import { isEmail, maxLength } from 'class-validator';

/**
 * The field rules of the product specification (section 2), written out for the hostile
 * suites: for any string, which rules it breaks, so that each case can expect one answer
 * (the status, the code, the field and the field's error code) rather than "some 4xx".
 * Where the spec leaves a detail open, the product's documented choice is written here
 * (docs/ARCHITECTURE.md: lengths in characters, i.e. code points; emails are validator.js' isEmail
 * with the options below; the password policy's character types over all of Unicode).
 */

/** The field error codes of a refused field (the gateway names the rule). */
export type FieldCode = 'INVALID' | 'FIELD_TOO_LONG' | 'INVALID_EMAIL';

/** Lengths count characters (code points), as Postgres does. */
export const characters = (value: string): number => [...value].length;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** One line: no control character at all. */
// eslint-disable-next-line no-control-regex
const NOT_SINGLE_LINE = /[\u0000-\u001f\u007f]/;
/** Free text: tab, line feed and carriage return are fine, other control characters not. */
// eslint-disable-next-line no-control-regex
const NOT_PLAIN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Unicode text: no half of a surrogate pair on its own. */
export const wellFormed = (value: string): boolean => !LONE_SURROGATE.test(value);

/** An email address: a mailbox on a public domain, no display name, UTF-8 local part allowed. */
export const isEmailAddress = (value: string): boolean =>
  wellFormed(value) &&
  isEmail(value, {
    allow_display_name: false,
    require_tld: true,
    allow_ip_domain: false,
    allow_utf8_local_part: true,
  });

export type TextField = 'name' | 'nickname' | 'email' | 'ssoId' | 'description';

/** Fields that are trimmed before they are checked and stored (all but the description). */
export const trimmed = (field: TextField, value: string): string =>
  field === 'description' ? value : value.trim();

/**
 * The codes of the rules `value` breaks as this field (empty when it is accepted). The
 * gateway reports one of them per field (the first it checks), so a case expects one error
 * for the field with one of these codes.
 */
export function brokenRules(field: TextField, value: string): FieldCode[] {
  const text = trimmed(field, value);
  const broken = new Set<FieldCode>();
  if (field === 'name' && text === '') broken.add('INVALID');
  const max = field === 'email' ? 254 : field === 'description' ? 1024 : 128;
  if (characters(text) > max) broken.add('FIELD_TOO_LONG');
  if (field === 'email' && !isEmailAddress(text)) broken.add('INVALID_EMAIL');
  if (!wellFormed(text) || (field === 'description' ? NOT_PLAIN_TEXT : NOT_SINGLE_LINE).test(text))
    broken.add('INVALID');
  return [...broken];
}

/**
 * Bounds the gateway puts on a search term and on passwords, beyond the spec's: lengths as
 * class-validator's MaxLength counts them (a surrogate pair, or a character with its
 * variation selector, is one).
 */
const within = (value: string, max: number) => maxLength(value, max);

/**
 * The rules a search term breaks: a technician's `q` (at most 254 as MaxLength counts, one
 * line), or with `names` a group's (at most 128 characters, as a name).
 */
export function brokenSearchRules(value: string, names = false): FieldCode[] {
  const broken = new Set<FieldCode>();
  if (names ? characters(value) > 128 : !within(value, 254)) broken.add('FIELD_TOO_LONG');
  if (!wellFormed(value) || NOT_SINGLE_LINE.test(value)) broken.add('INVALID');
  return [...broken];
}

/**
 * The rules a password breaks where the gateway reads it (a string of at most 1,024,
 * Unicode); its length and strength are the policy's (policyViolations). At sign-in a
 * password is 1 to 128 long.
 */
export function brokenPasswordRules(value: string, where: 'set' | 'sign-in' = 'set'): FieldCode[] {
  const broken = new Set<FieldCode>();
  if (where === 'sign-in' && value === '') broken.add('INVALID');
  if (!within(value, where === 'sign-in' ? 128 : 1024)) broken.add('FIELD_TOO_LONG');
  if (!wellFormed(value)) broken.add('INVALID');
  return [...broken];
}

const COMMON = new Set<string>(dictionary.passwords.map((p: string) => p.toLowerCase()));
/** Digits, symbols (punctuation, spaces) at either end: `Password1!` is `password`. */
const DECORATION = /^[\p{Nd}\p{P}\p{S}\s]+|[\p{Nd}\p{P}\p{S}\s]+$/gu;

/** In the common-password list, case-insensitively, as given or without its decoration. */
function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const core = lower.replace(DECORATION, '');
  return COMMON.has(lower) || (core !== '' && COMMON.has(core));
}

/** Character types: lower, upper (and title) case letters, decimal digits, anything else. */
function characterTypes(password: string): number {
  const types = new Set<string>();
  for (const char of password) {
    if (/\p{Ll}/u.test(char)) types.add('lower');
    else if (/[\p{Lu}\p{Lt}]/u.test(char)) types.add('upper');
    else if (/\p{Nd}/u.test(char)) types.add('digit');
    else types.add('special');
  }
  return types.size;
}

/**
 * The rule codes of the default password policy (good strength: 3 of the 4 character types;
 * 8 to 128 characters; common passwords refused) that a password breaks, in NFC as the
 * product handles passwords. Empty when the policy accepts it.
 */
export function policyViolations(value: string): string[] {
  const password = value.normalize('NFC');
  const length = characters(password);
  const violations: string[] = [];
  if (length < 8) violations.push('PASSWORD_TOO_SHORT');
  if (length > 128) violations.push('PASSWORD_TOO_LONG');
  if (characterTypes(password) < 3) violations.push('PASSWORD_TOO_FEW_CHARACTER_TYPES');
  if (isCommon(password)) violations.push('PASSWORD_COMMON');
  return violations;
}
