import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCodes } from '@app/contracts';
import { problemBody, sendProblem } from '../problem/problem.filter';
import { SAML_ACS_ROUTE } from './saml-forms';

/** The routes that take an upload (multipart/form-data) rather than JSON. */
const UPLOAD_ROUTES = new Set(['POST /api/v1/imports']);

/**
 * A request with a body must say it is JSON (SCIM's application/scim+json is JSON), or multipart where a route takes uploads:
 * anything else is 415, not a body silently read as empty.
 */
@Injectable()
export class JsonContentTypeMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0;
    const route = `${request.method} ${request.originalUrl.split('?')[0]}`.replace(/\/+$/, '');
    const accepted =
      request.is('application/json') ||
      request.is('application/scim+json') ||
      (UPLOAD_ROUTES.has(route) && request.is('multipart/form-data')) ||
      // A SAML provider posts its response as a form (HTTP-POST binding).
      (SAML_ACS_ROUTE.test(route.slice(5)) && request.is('application/x-www-form-urlencoded'));
    if (!hasBody || accepted) {
      next();
      return;
    }
    sendProblem(
      response,
      problemBody(
        ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        UPLOAD_ROUTES.has(route)
          ? 'upload the file as multipart/form-data'
          : 'send the body as application/json',
      ),
    );
  }
}
