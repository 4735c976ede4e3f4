/** Keys whose values are secrets wherever they appear in a log object, at any depth. */
const SECRET_KEY =
  /pass(word|wd|phrase)?|secret|token|authorization|cookie|sealed|private.?key|credential/i;
/** Keys that match the pattern above but hold no secret (flags, kinds, counts). */
const HARMLESS_KEY =
  /^(mustChangePassword|tokenType|expiresIn|rejectCommonPasswords|forceChangeOnAdminSet)$/;
export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 8;

/**
 * Returns a copy of a log object with every secret-looking field replaced, at any depth.
 * Runs in the logger itself (pino `formatters.log`), so no call site can forget it.
 */
export function censorSecrets(value: unknown, depth = 0): unknown {
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
