/** Keys whose values are secrets wherever they appear in a log object, at any depth. */
const SECRET_KEY =
  /pass(word|wd|phrase)?|secret|token|authorization|cookie|sealed|private.?key|credential/i;
/** Keys that match the pattern above but hold no secret (flags, kinds, counts). */
const HARMLESS_KEY =
  /^(mustChangePassword|tokenType|expiresIn|rejectCommonPasswords|forceChangeOnAdminSet)$/;
export const REDACTED = '[REDACTED]';
/** The password of a URL with credentials (`amqp://user:password@host`), in any text. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi;
const MAX_DEPTH = 8;

/**
 * Returns a copy of a log object with every secret-looking field replaced, and the password
 * of every URL in its text, at any depth.
 * Runs in the logger itself (pino `formatters.log`), so no call site can forget it.
 */
export function censorSecrets(value: unknown, depth = 0): unknown {
  // A client's error can carry the URL it connected to, password included.
  if (typeof value === 'string')
    return value.includes('://') ? value.replace(URL_PASSWORD, `$1${REDACTED}@`) : value;
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any log object of ours: dropped rather than passed on unchecked.
  if (depth > MAX_DEPTH) return '[TOO DEEP]';
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => censorSecrets(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEY.test(key) && !HARMLESS_KEY.test(key) && typeof item !== 'boolean') {
      copy[key] = REDACTED;
    } else {
      copy[key] = censorSecrets(item, depth + 1);
    }
  }
  return copy;
}
