import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCodes } from '@app/contracts';
import { problemBody, sendProblem } from '../problem/problem.filter';

/**
 * A request with a body must say it is JSON (multipart is allowed where a route takes
 * uploads): anything else is 415, not a body silently read as empty.
 */
@Injectable()
export class JsonContentTypeMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody || request.is('application/json') || request.is('multipart/form-data')) {
      next();
      return;
    }
    sendProblem(
      response,
      problemBody(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, 'send the body as application/json'),
    );
  }
}
