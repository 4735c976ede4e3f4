import { ApiProblem } from './client';

/**
 * The Idempotency-Key of one form (create technician, create administrator, start import):
 * one key per intent of the user, where the intent is what is sent (the body; for an
 * import, the file and its options).
 *
 * - The same intent sent again while the outcome of the last attempt is unknown (a double
 *   submit, a lost answer, a network failure, a 5xx, a 429) gets the same key: the server
 *   answers the first outcome, so a retry can never create a second technician or import.
 * - Another intent (the form was changed) gets a new key: the server would refuse the old
 *   key with another body (IDEMPOTENCY_KEY_REUSED).
 * - After a definite refusal (a 4xx: email taken, password policy, ...) nothing was created,
 *   and the server would answer the same refusal to the same key for a day; sending again is
 *   a new attempt, so it gets a new key and is judged afresh.
 *
 * Of the three policies the forms had, this keeps what was safe in each and drops what was
 * not: keeping a key across a changed body (technicians) answered a correction made after a
 * lost answer with IDEMPOTENCY_KEY_REUSED; keeping it across a definite refusal
 * (administrators, imports) could replay a refusal that no longer held.
 */
export class IdempotencyKeys {
  private key: string | undefined;
  private intent: unknown;

  constructor(private readonly newKey: () => string = randomUuid) {}

  /** The key to send `intent` with. */
  for(intent: unknown): string {
    if (this.key === undefined || !sameIntent(intent, this.intent)) {
      this.key = this.newKey();
      this.intent = intent;
    }
    return this.key;
  }

  /** Records how the attempt ended (a success needs nothing: the form is done). */
  failed(error: unknown): void {
    if (isDefiniteRefusal(error)) this.key = undefined;
  }
}

/** A refusal the server decided on (so the same request would be refused again). */
export function isDefiniteRefusal(error: unknown): boolean {
  return (
    error instanceof ApiProblem &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 408 &&
    error.status !== 429
  );
}

/** Equal plain values (objects, arrays, strings, numbers); anything else (a File) is itself. */
function sameIntent(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, i) => sameIntent(value, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && sameIntent(a[key], b[key]))
    );
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * A random (version 4) UUID. crypto.randomUUID exists only in secure contexts (https or
 * localhost); over plain http on another host getRandomValues still does.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
