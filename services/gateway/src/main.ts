import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { exitGracefullyOnSignals, loadSettingsOrExit } from '@app/platform';
import { AppModule } from './app.module';
import { GatewaySettings } from './config/env';
import { useJsonBodies } from './http/json-body';
import { applySecurity } from './http/security';
import { serveAsyncApi } from './asyncapi/serve-asyncapi';
import { setupOpenApi } from './openapi/setup-openapi';
import { useSamlForms } from './http/saml-forms';
import { serveWebApp } from './web/serve-web-app';

export const API_PREFIX = 'api/v1';

async function main(): Promise<void> {
  const settings = loadSettingsOrExit(GatewaySettings, 'gateway');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // The SCIM API keeps the path directories are given: /scim/v2 (RFC 7644 §3.13).
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: 'scim/v2/{*path}', method: RequestMethod.ALL }],
  });
  applySecurity(app, settings);
  useJsonBodies(app);
  useSamlForms(app);
  serveAsyncApi(app);
  setupOpenApi(app);
  if (!serveWebApp(app)) {
    app
      .get(Logger)
      .warn('web/dist is missing: run `npm run build` to serve the Administration Center at /');
  }

  exitGracefullyOnSignals(async () => {
    // Stop accepting connections and let in-flight requests finish, then close the rest.
    await new Promise<void>((resolve) => app.getHttpServer().close(() => resolve()));
    await app.close();
  }, settings.SHUTDOWN_TIMEOUT_MS);

  await app.listen(settings.PORT);
  app.get(Logger).log(`gateway listening on http://localhost:${settings.PORT}/${API_PREFIX}`);
}

void main();
