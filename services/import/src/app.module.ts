import { DynamicModule, Module } from '@nestjs/common';
import {
  DatabaseModule,
  OutboxModule,
  PlatformLoggerModule,
  RpcClientsModule,
  SettingsModule,
} from '@app/platform';
import { ImportSettings } from './config/env';
import { entities, migrations } from './database/schema';
import { HealthController } from './health/health.controller';
import { ImportsModule } from './imports/imports.module';
import { bullModules, ImportRowsQueueModule } from './jobs/queues';
import { RedisWatch } from './jobs/redis-watch';

@Module({})
export class AppModule {
  static forRoot(settings: ImportSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformLoggerModule.forRoot({ service: 'import', level: settings.LOG_LEVEL }),
        SettingsModule.forRoot(ImportSettings, settings),
        DatabaseModule.forRoot({
          url: settings.IMPORT_DATABASE_URL,
          entities,
          migrations,
          // A connection for every message (and job) handled at once, and a few for the sweeps.
          poolSize:
            settings.IMPORT_PREFETCH +
            settings.IMPORT_BULK_PREFETCH +
            settings.IMPORT_CONCURRENCY +
            4,
        }),
        RpcClientsModule.register(['org', 'identity'], {
          url: settings.RABBITMQ_URL,
          prefix: settings.QUEUE_PREFIX,
          timeoutMs: settings.RPC_TIMEOUT_MS,
        }),
        OutboxModule.forRoot({
          url: settings.RABBITMQ_URL,
          prefix: settings.QUEUE_PREFIX,
          timeoutMs: settings.RPC_TIMEOUT_MS,
          service: 'import',
        }),
        ...bullModules(settings),
        ImportRowsQueueModule,
        ImportsModule,
      ],
      controllers: [HealthController],
      providers: [RedisWatch],
    };
  }
}
