import { DynamicModule, Module } from '@nestjs/common';
import {
  DatabaseModule,
  OutboxModule,
  PlatformLoggerModule,
  RpcClientsModule,
  SettingsModule,
} from '@app/platform';
import { AccessModule } from './access/access.module';
import { AccountsModule } from './accounts/accounts.module';
import { AdministratorsModule } from './administrators/administrators.module';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import { OrgSettings } from './config/env';
import { entities, migrations } from './database/schema';
import { GroupsModule } from './groups/groups.module';
import { HealthController } from './health/health.controller';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { ScopeModule } from './scope/scope.module';
import { ScimTokensModule } from './scim-tokens/scim-tokens.module';
import { ServicePrincipalsModule } from './service-principals/service-principals.module';
import { TechniciansModule } from './technicians/technicians.module';

@Module({})
export class AppModule {
  static forRoot(settings: OrgSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformLoggerModule.forRoot({ service: 'org', level: settings.LOG_LEVEL }),
        SettingsModule.forRoot(OrgSettings, settings),
        DatabaseModule.forRoot({
          url: settings.ORG_DATABASE_URL,
          entities,
          migrations,
          // A connection for every message (and job) handled at once, and a few for the sweeps.
          poolSize: settings.ORG_PREFETCH + settings.ORG_BULK_PREFETCH + 4,
        }),
        RpcClientsModule.register(['identity'], {
          url: settings.RABBITMQ_URL,
          prefix: settings.QUEUE_PREFIX,
          timeoutMs: settings.RPC_TIMEOUT_MS,
        }),
        OutboxModule.forRoot({
          url: settings.RABBITMQ_URL,
          prefix: settings.QUEUE_PREFIX,
          timeoutMs: settings.RPC_TIMEOUT_MS,
          service: 'org',
        }),
        IdempotencyModule,
        ScopeModule,
        AccountsModule,
        AccessModule,
        GroupsModule,
        TechniciansModule,
        ServicePrincipalsModule,
        ScimTokensModule,
        AdministratorsModule,
        OrganizationsModule,
        BootstrapModule,
      ],
      controllers: [HealthController],
    };
  }
}
