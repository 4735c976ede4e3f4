import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCode, ErrorCodes, FieldError } from '@app/contracts';
import { RpcCallError } from '@app/platform';
import { isScimPath, sendScimError } from './scim-error';
import { ERROR_STATUS } from './error-status.table';
import { ProblemException } from './problem.exception';
import { bounded, boundedFieldErrors, PROBLEM_LIMITS } from './problem-limits';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors: FieldError[];
  instance?: string;
  [extension: string]: unknown;
}

/**
 * Fields of a message that the REST API names otherwise: a header (Idempotency-Key), or the
 * plaintext field the gateway sealed. A service names the message's field, as a messaging
 * client sends it; a REST client is told the name it sent.
 */
const REST_FIELDS: Record<string, string> = {
  idempotencyKey: 'Idempotency-Key',
  sealedPassword: 'password',
  sealedCurrentPassword: 'currentPassword',
  sealedNewPassword: 'newPassword',
};

function restFieldName(field: string): string {
  return Object.hasOwn(REST_FIELDS, field) ? REST_FIELDS[field] : field;
}

/** A problem of `code`; detail and errors are cut to PROBLEM_LIMITS (never the input they echo). */
export function problemBody(
  code: ErrorCode,
  detail: string,
  errors: FieldError[] = [],
  extensions: Record<string, unknown> = {},
): ProblemBody {
  const { status, title } = ERROR_STATUS[code];
  return {
    type: `urn:rac:problem:${code}`,
    title,
    status,
    detail: bounded(detail, PROBLEM_LIMITS.text),
    code,
    errors: boundedFieldErrors(errors),
    ...extensions,
  };
}

export function sendProblem(
  response: Response,
  body: ProblemBody,
  headers: Record<string, string> = {},
): void {
  // The SCIM API answers its errors in SCIM's schema, whichever layer refused the request.
  if (isScimPath(response.req?.path)) return sendScimError(response, body, headers);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/**
 * Every error leaves the gateway as application/problem+json with a stable code. Errors
 * from services keep their code (the status comes from ERROR_STATUS); errors of the HTTP
 * layer (bad JSON, body too large, unknown route) get theirs here; anything else is a 500,
 * logged, with nothing of its internals in the answer.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    if (response.headersSent) return;
    const { body, headers = {} } = this.toProblem(exception);
    const path = request.originalUrl?.split('?')[0];
    if (path !== undefined) body.instance = bounded(path, PROBLEM_LIMITS.instance);
    if (body.status === 401) headers['WWW-Authenticate'] = 'Bearer';
    sendProblem(response, body, headers);
  }

  private toProblem(exception: unknown): { body: ProblemBody; headers?: Record<string, string> } {
    if (exception instanceof ProblemException) {
      return {
        body: problemBody(exception.code, exception.detail, exception.errors, exception.extensions),
        headers: { ...exception.headers },
      };
    }
    if (exception instanceof RpcCallError) return this.fromService(exception);
    if (exception instanceof HttpException) return { body: this.fromHttp(exception) };
    const httpError = asHttpLayerError(exception);
    if (httpError) return { body: httpError };
    this.logger.error({ err: exception }, 'unhandled error');
    return { body: problemBody(ErrorCodes.INTERNAL_ERROR, 'an unexpected error occurred') };
  }

  private fromService(error: RpcCallError): {
    body: ProblemBody;
    headers?: Record<string, string>;
  } {
    // A payload a service refused is the client's invalid input, under the public code.
    const code =
      error.code === ErrorCodes.MESSAGE_INVALID ? ErrorCodes.VALIDATION_FAILED : error.code;
    const status = ERROR_STATUS[code].status;
    if (status >= 500) this.logger.warn({ code: error.code, target: error.target }, error.message);
    const retryAfter = error.details?.retryAfterSeconds;
    const headers: Record<string, string> = {};
    if (typeof retryAfter === 'number') headers['Retry-After'] = String(Math.ceil(retryAfter));
    if (status === 503 && !headers['Retry-After']) headers['Retry-After'] = '5';
    // Facts of the error (a line, the expected headers, a limit) become members of the problem.
    const { retryAfterSeconds: _retry, ...extensions } = error.details ?? {};
    const errors = (error.errors ?? []).map((e) => ({ ...e, field: restFieldName(e.field) }));
    return { body: problemBody(code, error.message, errors, extensions), headers };
  }

  private fromHttp(exception: HttpException): ProblemBody {
    const status = exception.getStatus();
    if (status === 404) return problemBody(ErrorCodes.ROUTE_NOT_FOUND, 'no such endpoint');
    if (status === 413) return problemBody(ErrorCodes.PAYLOAD_TOO_LARGE, 'the body is too large');
    if (status === 415) return problemBody(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, exception.message);
    if (status === 401) return problemBody(ErrorCodes.UNAUTHENTICATED, exception.message);
    if (status === 403) return problemBody(ErrorCodes.FORBIDDEN, exception.message);
    if (status >= 400 && status < 500)
      return problemBody(ErrorCodes.VALIDATION_FAILED, exception.message);
    this.logger.error({ err: exception }, 'http exception');
    return problemBody(ErrorCodes.INTERNAL_ERROR, 'an unexpected error occurred');
  }
}

/** Errors raised by Express's body parsers carry a `type` and a `status`. */
function asHttpLayerError(exception: unknown): ProblemBody | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status } = exception as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed')
    return problemBody(ErrorCodes.MALFORMED_JSON, 'the body is not valid JSON');
  if (type === 'entity.too.large' || status === 413) {
    return problemBody(ErrorCodes.PAYLOAD_TOO_LARGE, 'the body is too large');
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported' || status === 415) {
    return problemBody(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, 'the body encoding is not supported');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problemBody(ErrorCodes.VALIDATION_FAILED, 'the request cannot be read');
  }
  return undefined;
}
