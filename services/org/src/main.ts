import 'reflect-metadata';
import {
  createBootstrapLogger,
  ensureDatabase,
  loadSettingsOrExit,
  startMessageService,
} from '@app/platform';
import { AppModule } from './app.module';
import { OrgSettings } from './config/env';
import { OrgServicePrincipalDirectory } from './service-principals/service-principal-directory';

async function main(): Promise<void> {
  const settings = loadSettingsOrExit(OrgSettings, 'org');
  await ensureDatabase(settings.ORG_DATABASE_URL, createBootstrapLogger('org', settings.LOG_LEVEL));
  await startMessageService({
    service: 'org',
    module: AppModule.forRoot(settings),
    settings,
    prefetch: { interactive: settings.ORG_PREFETCH, bulk: settings.ORG_BULK_PREFETCH },
    servicePrincipals: (app) => app.get(OrgServicePrincipalDirectory),
  });
}

void main();
