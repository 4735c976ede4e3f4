import { createHash } from 'node:crypto';

/**
 * What a request under an idempotency key means, for telling a repeat from another request:
 * who asks and every field as it would be applied (each service writes its own meanings).
 */
export type RequestMeaning = Record<string, unknown>;

/** The fingerprint kept with a key: sha-256 of the meaning, in canonical JSON. */
export function requestFingerprint(meaning: RequestMeaning): string {
  // The version keeps it apart from org's legacy fingerprints (which start with "{").
  return createHash('sha256')
    .update(`v2\n${canonicalJson(meaning)}`)
    .digest('hex');
}

/** JSON with sorted keys, without undefined fields (and without `omitted` ones, at any depth). */
export function canonicalJson(value: unknown, omitted: ReadonlySet<string> = new Set()): string {
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item, omitted)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, item]) => !omitted.has(key) && item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item, omitted)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
