import { ApiProblem } from '../api/client';

/**
 * The Idempotency-Key of one create form. The key stays the same while the outcome of the
 * last attempt is unknown (a double submit, a lost answer, a 5xx, a 429): sending it again
 * never creates a second technician, and the server answers the first outcome. Once the
 * server has given a definite refusal (a 4xx: email taken, password policy, ...), the form
 * may be changed and sent again: that is a new request, so it gets a new key (the same key
 * with another body would be refused as IDEMPOTENCY_KEY_REUSED).
 */
export class IdempotencyKeys {
  private current: string;
  private settled = false;

  constructor(private readonly newKey: () => string = randomUuid) {
    this.current = newKey();
  }

  /** The key to send with the next attempt. */
  next(): string {
    if (this.settled) {
      this.current = this.newKey();
      this.settled = false;
    }
    return this.current;
  }

  /** Records how the attempt ended (success needs nothing: the form is done). */
  failed(error: unknown): void {
    this.settled = isDefiniteRefusal(error);
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
