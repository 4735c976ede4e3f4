import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';

/** Where `npm run build` puts the Administration Center (web/dist), from dist/services/gateway/src/web. */
export const WEB_APP_DIR = path.resolve(__dirname, '../../../../../web/dist');

/** Paths that belong to the API and its docs: never answered with the web app. */
const SERVER_PATHS = /^\/(api|docs)(\/|-json|$)/;

/** Whether the web app answers this request: a GET (or HEAD) outside /api and /docs. */
export function isWebAppRequest(req: { method: string; path: string }): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !SERVER_PATHS.test(req.path);
}

/**
 * Serves the built web app at `/`: its files as they are (hashed assets cached for a year),
 * and index.html for every other GET outside /api and /docs, so that client routes such as
 * /groups/:id load the app. An unknown /api path stays the API's problem+json 404.
 */
export function serveWebApp(app: NestExpressApplication, dir = WEB_APP_DIR): boolean {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const files = express.static(dir, {
    index: false,
    setHeaders: (res, file) => {
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isWebAppRequest(req)) return next();
    files(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}
