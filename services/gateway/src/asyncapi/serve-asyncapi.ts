import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * The AsyncAPI document of the messaging contract (docs/asyncapi.json, generated from
 * libs/contracts and committed), next to the OpenAPI document: other teams' services build
 * against it. Path from dist/services/gateway/src/asyncapi.
 */
export const ASYNCAPI_FILE = path.resolve(__dirname, '../../../../../docs/asyncapi.json');
export const ASYNCAPI_ROUTE = '/docs/asyncapi.json';

export function serveAsyncApi(app: NestExpressApplication): void {
  const document = readFileSync(ASYNCAPI_FILE);
  app.use(ASYNCAPI_ROUTE, (request: Request, response: Response, next: NextFunction) => {
    const exact = request.path === '/';
    if (!exact || (request.method !== 'GET' && request.method !== 'HEAD')) return next();
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.setHeader('cache-control', 'no-cache');
    response.end(document);
  });
}
