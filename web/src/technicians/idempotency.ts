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

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {
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
