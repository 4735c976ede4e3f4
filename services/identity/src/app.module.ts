import { DynamicModule, Module } from '@nestjs/common';
import {
  DatabaseModule,
  OutboxModule,
  PlatformLoggerModule,
  RpcClientsModule,
  SettingsModule,
} from '@app/platform';
import { AuthModule } from './auth/auth.module';
import { IdentitySettings } from './config/env';
import { CredentialsModule } from './credentials/credentials.module';
import { entities, migrations } from './database/schema';
import { HealthController } from './health/health.controller';
import { PasswordPolicyModule } from './password-policy/password-policy.module';
import { SealingModule } from './sealing/sealing.module';
import { SsoModule } from './sso/sso.module';

@Module({})
export class AppModule {
  static forRoot(settings: IdentitySettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformLoggerModule.forRoot({ service: 'identity', level: settings.LOG_LEVEL }),
        DatabaseModule.forRoot({
          url: settings.IDENTITY_DATABASE_URL,
          entities,
          migrations,
          // A connection for every message (and job) handled at once, and a few for the sweeps.
          poolSize: settings.IDENTITY_PREFETCH + settings.IDENTITY_BULK_PREFETCH + 4,
        }),
        RpcClientsModule.register(['org'], {
          url: settings.RABBITMQ_URL,
          prefix: settings.QUEUE_PREFIX,
          timeoutMs: settings.RPC_TIMEOUT_MS,
        }),
        // Sign-ins, password changes and settings saved: events for the audit log.
        OutboxModule.forRoot({
          url: settings.RABBITMQ_URL,
          prefix: settings.QUEUE_PREFIX,
          timeoutMs: settings.RPC_TIMEOUT_MS,
          service: 'identity',
        }),
        SettingsModule.forRoot(IdentitySettings, settings),
        SealingModule,
        PasswordPolicyModule,
        CredentialsModule,
        AuthModule,
        SsoModule,
      ],
      controllers: [HealthController],
    };
  }
}
