import { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { Lane, ServiceName } from '@app/contracts';
import { MessageValidationPipe } from '../messaging/message-validation.pipe';
import type { ServicePrincipalDirectory } from '../auth/service-assertion';
import { brokerUser } from '../messaging/broker-connection';
import { ReliableRmqServer } from '../messaging/reliable-rmq.server';
import { RpcErrorFilter } from '../messaging/rpc-error.filter';
import type { CommonSettings } from '../settings/common-settings';
import type { MessageServiceSettings } from '../settings/message-service-settings';
import { SenderLimits } from '../messaging/sender-limits';
import { exitGracefullyOnSignals } from './graceful-shutdown';

export interface MessageServiceOptions {
  service: ServiceName;
  module: DynamicModule;
  settings: MessageServiceSettings & { JWT_SECRET?: string };
  /** Messages handled at once, per lane. */
  prefetch: Record<Lane, number>;
  /** The service keeps service principals (org): where, from the started app. */
  servicePrincipals?: (app: INestMicroservice) => ServicePrincipalDirectory;
}

/**
 * Starts a service that answers over RabbitMQ: validation and error filtering apply to
 * every handler, and consuming begins only after every module has initialised (database
 * migrated, keys loaded).
 */
export async function startMessageService(
  options: MessageServiceOptions,
): Promise<INestMicroservice> {
  const server = new ReliableRmqServer({
    url: options.settings.RABBITMQ_URL,
    prefix: options.settings.QUEUE_PREFIX,
    service: options.service,
    prefetch: options.prefetch,
    principals: {
      internalUsers: internalBrokerUsers(options.settings),
      jwtSecret: options.settings.JWT_SECRET,
      limits: new SenderLimits({
        redisUrl: options.settings.REDIS_URL,
        prefix: options.settings.QUEUE_PREFIX,
        perUser: options.settings.BROKER_RATE_LIMIT_PER_USER,
        perPrincipal: options.settings.BROKER_RATE_LIMIT_PER_PRINCIPAL,
        windowSeconds: options.settings.BROKER_RATE_LIMIT_WINDOW_SECONDS,
      }),
    },
  });
  const app = await NestFactory.createMicroservice(options.module, {
    strategy: server,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // Otherwise the lines of start-up wait until the broker answers: a missing broker was silent.
  app.flushLogs();
  app.useGlobalPipes(new MessageValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
  if (options.servicePrincipals) server.useServicePrincipals(options.servicePrincipals(app));
  exitGracefullyOnSignals(() => app.close(), options.settings.SHUTDOWN_TIMEOUT_MS);
  await app.listen();
  app.get(Logger).log(`${options.service} service ready`);
  return app;
}

/** INTERNAL_BROKER_USERS, or else this service's own broker user (one user for the whole stack). */
function internalBrokerUsers(settings: CommonSettings): string[] {
  const listed = settings.INTERNAL_BROKER_USERS?.split(',')
    .map((user) => user.trim())
    .filter(Boolean);
  return listed?.length ? listed : [brokerUser(settings.RABBITMQ_URL)];
}
