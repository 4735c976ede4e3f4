import 'reflect-metadata';
import {
  createBootstrapLogger,
  ensureDatabase,
  loadSettingsOrExit,
  startMessageService,
} from '@app/platform';
import { AppModule } from './app.module';
import { AuditServiceSettings } from './config/env';

async function main(): Promise<void> {
  const settings = loadSettingsOrExit(AuditServiceSettings, 'audit');
  await ensureDatabase(
    settings.AUDIT_DATABASE_URL,
    createBootstrapLogger('audit', settings.LOG_LEVEL),
  );
  await startMessageService({
    service: 'audit',
    module: AppModule.forRoot(settings),
    settings,
    // Nothing of the audit service is background work: the bulk lane gets the least.
    prefetch: { interactive: settings.AUDIT_PREFETCH, bulk: 1 },
  });
}

void main();
