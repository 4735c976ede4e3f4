import {
  DynamicModule,
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PlatformLoggerModule, SettingsModule } from '@app/platform';
import { AccessTokenGuard } from './auth/access-token.guard';
import { AdministratorsController } from './administrators/administrators.controller';
import { AccessTokenVerifier } from './auth/access-token.verifier';
import { AuthController } from './auth/auth.controller';
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
import { REDIS, RedisCloser, redisProvider } from './redis/redis.provider';
import { SettingsController } from './settings/settings.controller';
import { TechniciansController } from './technicians/technicians.controller';
import Redis from 'ioredis';

@Module({})
export class AppModule implements NestModule {
  static forRoot(settings: GatewaySettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformLoggerModule.forRoot({ service: 'gateway', level: settings.LOG_LEVEL, http: true }),
        SettingsModule.forRoot(GatewaySettings, settings),
        MessagingModule.forRoot(settings),
        JwtModule.register({}),
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
        ImportsController,
      ],
      providers: [
        redisProvider,
        {
          provide: RedisCloser,
          inject: [REDIS],
          useFactory: (redis: Redis) => new RedisCloser(redis),
        },
        AccessTokenVerifier,
        HealthService,
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
