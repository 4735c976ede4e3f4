import { ErrorCodes, FieldError, RpcErrorEnvelope } from '@app/contracts';

/**
 * A request/reply call that did not get a reply: the other side answered with an error,
 * did not answer in time, or could not be reached. Carries the error envelope as is, so a
 * caller can pass it on (the gateway turns it into problem+json).
 */
export class RpcCallError extends Error {
  readonly code: RpcErrorEnvelope['code'];
  readonly errors?: FieldError[];
  readonly details?: Record<string, unknown>;

  constructor(
    readonly envelope: RpcErrorEnvelope,
    readonly target: string,
  ) {
    super(envelope.message);
    this.code = envelope.code;
    this.errors = envelope.errors;
    this.details = envelope.details;
  }

  /** True when the other side may or may not have acted: retry only with the same idempotency key. */
  get outcomeUnknown(): boolean {
    return this.code === ErrorCodes.SERVICE_UNAVAILABLE;
  }
}
