import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { GatewaySettings } from '../config/env';
import { pathOwner } from './path-owner';
import { trustProxy } from '../config/trust-proxy';

/**
 * Security headers on every answer (helmet), a strict Content-Security-Policy for the API,
 * one for the Administration Center (its own scripts only, no inline script) and a looser
 * one for the Swagger UI under /docs, chosen by the same path rule as the web app's fallback
 * (`path-owner.ts`); CORS closed unless origins are set.
 */
export function applySecurity(app: NestExpressApplication, settings: GatewaySettings): void {
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(settings.TRUST_PROXY));
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  const web = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets style attributes and injects its CSS variables at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
  });
  const api = helmet({
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  const policies = { docs, web, api };
  app.use((req: { path: string; method: string }, res: unknown, next: () => void) => {
    policies[pathOwner(req)](req as never, res as never, next);
  });
  if (settings.CORS_ORIGINS) {
    app.enableCors({
      origin: settings.CORS_ORIGINS.split(','),
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      exposedHeaders: ['Location', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
      maxAge: 600,
    });
  }
}
