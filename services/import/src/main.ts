import 'reflect-metadata';
import {
  createBootstrapLogger,
  ensureDatabase,
  loadSettingsOrExit,
  startMessageService,
} from '@app/platform';
import { AppModule } from './app.module';
import { ImportSettings } from './config/env';

async function main(): Promise<void> {
  const settings = loadSettingsOrExit(ImportSettings, 'import');
  await ensureDatabase(
    settings.IMPORT_DATABASE_URL,
    createBootstrapLogger('import', settings.LOG_LEVEL),
  );
  await startMessageService({
    service: 'import',
    module: AppModule.forRoot(settings),
    settings,
    prefetch: { interactive: settings.IMPORT_PREFETCH, bulk: settings.IMPORT_BULK_PREFETCH },
  });
}

void main();
