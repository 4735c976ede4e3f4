import {
  DynamicModule,
  Inject,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Provider,
} from '@nestjs/common';
import type { ServiceName } from '@app/contracts';
import { RpcClient, RpcClientOptions } from './rpc-client';

export function rpcClientToken(target: ServiceName): string {
  return `RpcClient:${target}`;
}

/** Injects the client of another service: `@InjectRpcClient('identity') identity: RpcClient`. */
export const InjectRpcClient = (target: ServiceName): ParameterDecorator =>
  Inject(rpcClientToken(target));

/** Connects the clients at start-up (see RpcClient.connectEarly) and closes them at the end. */
class RpcClientsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly clients: RpcClient[]) {}
  onApplicationBootstrap(): void {
    for (const client of this.clients) client.connectEarly();
  }
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.clients.map((client) => client.close()));
  }
}

/** One RpcClient per service this one talks to, connected at start-up, closed when the application stops. */
@Module({})
export class RpcClientsModule {
  static register(targets: ServiceName[], options: RpcClientOptions): DynamicModule {
    const clients = targets.map((target) => new RpcClient(target, options));
    const providers: Provider[] = clients.map((client) => ({
      provide: rpcClientToken(client.target),
      useValue: client,
    }));
    providers.push({ provide: RpcClientsLifecycle, useValue: new RpcClientsLifecycle(clients) });
    return {
      module: RpcClientsModule,
      global: true,
      providers,
      exports: providers,
    };
  }
}
