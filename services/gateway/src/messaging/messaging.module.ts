import { DynamicModule, Global, Module } from '@nestjs/common';
import { importFileSealerProvider, passwordSealerProvider, RpcClientsModule } from '@app/platform';
import { GatewaySettings } from '../config/env';

/** Clients of the four services, and the sealer every password passes through on its way in. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(settings: GatewaySettings): DynamicModule {
    return {
      module: MessagingModule,
      imports: [
        RpcClientsModule.register(['identity', 'org', 'import', 'audit'], {
          url: settings.RABBITMQ_URL,
          prefix: settings.QUEUE_PREFIX,
          // The gateway is the outermost caller: it outwaits a service's own calls (and their
          // clean-up), so that its 503 comes after the service undid what it had started.
          timeoutMs: 2 * settings.RPC_TIMEOUT_MS + 1000,
        }),
      ],
      providers: [passwordSealerProvider, importFileSealerProvider],
      exports: [passwordSealerProvider, importFileSealerProvider],
    };
  }
}
