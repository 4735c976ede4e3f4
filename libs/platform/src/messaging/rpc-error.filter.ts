import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { ErrorCodes, isRpcErrorEnvelope, RpcErrorEnvelope } from '@app/contracts';
import { RpcCallError } from './rpc-call.error';

/**
 * Turns whatever a message handler threw into an error envelope:
 * - RpcException with an envelope: a business outcome, answered as is, not retried;
 * - RpcCallError: a call this handler made failed; its envelope is passed on, not retried
 *   (the caller decides; every command is idempotent);
 * - a database data exception (SQLSTATE 22...): VALIDATION_FAILED, not retried;
 * - anything else (a database that is down, a bug): logged and marked retryable, so the
 *   transport redelivers it a bounded number of times and then dead-letters it.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const error = this.toEnvelope(exception);
    return throwError(() => error);
  }

  private toEnvelope(exception: unknown): RpcErrorEnvelope {
    if (exception instanceof RpcException) {
      const error = exception.getError();
      if (isRpcErrorEnvelope(error)) return { ...error, retryable: false };
    }
    if (exception instanceof RpcCallError) {
      return { ...exception.envelope, retryable: false };
    }
    const sqlState = (exception as { driverError?: { code?: unknown } }).driverError?.code;
    if (typeof sqlState === 'string' && sqlState.startsWith('22')) {
      // A data exception (a value the column cannot hold) will fail the same way every time:
      // validation let something through. Refused, not retried; logged to be fixed.
      this.logger.warn({ err: exception }, 'the database refused a value that validation accepted');
      return {
        code: ErrorCodes.VALIDATION_FAILED,
        message: 'a value is not acceptable',
        retryable: false,
      };
    }
    this.logger.error({ err: exception }, 'message handler failed; the message will be retried');
    return { code: ErrorCodes.INTERNAL_ERROR, message: 'internal error', retryable: true };
  }
}

/** Throws a business outcome from a handler: `throw rpcError(ErrorCodes.EMAIL_TAKEN, '...')`. */
export function rpcError(
  code: RpcErrorEnvelope['code'],
  message: string,
  extra: Pick<RpcErrorEnvelope, 'errors' | 'details'> = {},
): RpcException {
  return new RpcException({ code, message, ...extra } satisfies RpcErrorEnvelope);
}
