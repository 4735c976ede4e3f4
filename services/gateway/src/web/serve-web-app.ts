import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { pathOwner } from '../http/path-owner';

/** Where `npm run build` puts the Administration Center (web/dist), from dist/services/gateway/src/web. */
export const WEB_APP_DIR = path.resolve(__dirname, '../../../../../web/dist');

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
    // The same rule chooses the web app's Content-Security-Policy (http/security.ts).
    if (pathOwner(req) !== 'web') return next();
    files(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}
