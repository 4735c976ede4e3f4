import {
  DynamicModule,
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { PlatformLoggerModule, SettingsModule } from '@app/platform';
import { AccessTokenGuard } from './auth/access-token.guard';
import { AuditEventsController } from './audit/audit-events.controller';
import { AuditSettingsController } from './audit/audit-settings.controller';
import { AdministratorsController } from './administrators/administrators.controller';
import { AuthController } from './auth/auth.controller';
import { AuthModule } from './auth/auth.module';
import { GatewaySettings } from './config/env';
import { GroupsController } from './groups/groups.controller';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { HealthService } from './health/health.service';
import { JsonContentTypeMiddleware } from './http/json-content-type.middleware';
import { MeController } from './me/me.controller';
import { MessagingModule } from './messaging/messaging.module';
import { PermissionsController } from './permissions/permissions.controller';
import { ProblemFilter } from './problem/problem.filter';
import { createValidationPipe } from './problem/validation.pipe';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { PublicUrl } from './sso/public-url';
import { SsoProviderController } from './sso/sso-provider.controller';
import { SsoSettingsController } from './sso/sso-settings.controller';
import { SsoSignInController } from './sso/sso-sign-in.controller';
import { ScimDiscoveryController } from './scim/scim-discovery.controller';
import { ScimGroupsController } from './scim/scim-groups.controller';
import { ScimGroupsDirectory } from './scim/scim-groups.directory';
import { ScimTokenGuard } from './scim/scim-token.guard';
import { ScimTokensController } from './scim/scim-tokens.controller';
import { ScimUsersController } from './scim/scim-users.controller';
import { ServicePrincipalsController } from './service-principals/service-principals.controller';
import { SettingsController } from './settings/settings.controller';
import { TechniciansController } from './technicians/technicians.controller';

@Module({})
export class AppModule implements NestModule {
  static forRoot(settings: GatewaySettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformLoggerModule.forRoot({ service: 'gateway', level: settings.LOG_LEVEL, http: true }),
        SettingsModule.forRoot(GatewaySettings, settings),
        MessagingModule.forRoot(settings),
        RedisModule,
        AuthModule,
        RateLimitModule,
      ],
      controllers: [
        AuthController,
        MeController,
        HealthController,
        PermissionsController,
        GroupsController,
        TechniciansController,
        AdministratorsController,
        SettingsController,
        ServicePrincipalsController,
        ScimTokensController,
        ScimUsersController,
        ScimGroupsController,
        ScimDiscoveryController,
        ImportsController,
        SsoSettingsController,
        SsoSignInController,
        SsoProviderController,
        AuditEventsController,
        AuditSettingsController,
      ],
      providers: [
        HealthService,
        ScimTokenGuard,
        ScimGroupsDirectory,
        PublicUrl,
        // Guards run in this order: the rate limits first, so that requests without a valid
        // token are counted (per address) before they are refused.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(JsonContentTypeMiddleware)
      .forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
