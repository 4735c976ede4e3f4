import './thread-pool';
import 'reflect-metadata';
import {
  createBootstrapLogger,
  ensureDatabase,
  loadSettingsOrExit,
  startMessageService,
} from '@app/platform';
import { AppModule } from './app.module';
import { IdentitySettings } from './config/env';

async function main(): Promise<void> {
  const settings = loadSettingsOrExit(IdentitySettings, 'identity');
  await ensureDatabase(
    settings.IDENTITY_DATABASE_URL,
    createBootstrapLogger('identity', settings.LOG_LEVEL),
  );
  await startMessageService({
    service: 'identity',
    module: AppModule.forRoot(settings),
    settings,
    prefetch: { interactive: settings.IDENTITY_PREFETCH, bulk: settings.IDENTITY_BULK_PREFETCH },
  });
}

void main();
