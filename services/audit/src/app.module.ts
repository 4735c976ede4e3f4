import { DynamicModule, Module } from '@nestjs/common';
import {
  DatabaseModule,
  OutboxModule,
  PlatformLoggerModule,
  RpcClientsModule,
  SettingsModule,
} from '@app/platform';
import { AuditServiceSettings } from './config/env';
import { entities, migrations } from './database/schema';
import { AuditEventConsumer } from './events/audit-event-consumer';
import { HealthController } from './health/health.controller';
import { AuditLogController } from './log/audit-log.controller';
import { AuditReader } from './log/audit-reader';
import { AuditRecorder } from './chain/audit-recorder';
import { AuditRetention } from './retention/audit-retention.service';
import { AuditSettingsStore } from './settings/audit-settings.store';

@Module({})
export class AppModule {
  static forRoot(settings: AuditServiceSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformLoggerModule.forRoot({ service: 'audit', level: settings.LOG_LEVEL }),
        SettingsModule.forRoot(AuditServiceSettings, settings),
        DatabaseModule.forRoot({
          url: settings.AUDIT_DATABASE_URL,
          entities,
          migrations,
          // A connection per request handled at once, one per organization whose events are
          // being written (a batch each; more wait for a connection), and one for retention.
          poolSize: settings.AUDIT_PREFETCH + Math.min(settings.AUDIT_EVENTS_PREFETCH, 16) + 2,
        }),
        OutboxModule.forRoot({
          url: settings.RABBITMQ_URL,
          prefix: settings.QUEUE_PREFIX,
          timeoutMs: settings.RPC_TIMEOUT_MS,
          service: 'audit',
        }),
        RpcClientsModule.register(['org'], {
          url: settings.RABBITMQ_URL,
          prefix: settings.QUEUE_PREFIX,
          timeoutMs: settings.RPC_TIMEOUT_MS,
        }),
      ],
      controllers: [HealthController, AuditLogController],
      providers: [
        AuditRecorder,
        AuditReader,
        AuditSettingsStore,
        AuditEventConsumer,
        AuditRetention,
      ],
    };
  }
}
