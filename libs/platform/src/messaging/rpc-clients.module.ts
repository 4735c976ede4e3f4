import { DynamicModule, Inject, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { ServiceName } from '@app/contracts';
import { RpcClient, RpcClientOptions } from './rpc-client';

export function rpcClientToken(target: ServiceName): string {
  return `RpcClient:${target}`;
}

/** Injects the client of another service: `@InjectRpcClient('identity') identity: RpcClient`. */
export const InjectRpcClient = (target: ServiceName): ParameterDecorator =>
  Inject(rpcClientToken(target));

class RpcClientsCloser implements OnApplicationShutdown {
  constructor(private readonly clients: RpcClient[]) {}
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.clients.map((client) => client.close()));
  }
}

/** One RpcClient per service this one talks to, closed when the application stops. */
@Module({})
export class RpcClientsModule {
  static register(targets: ServiceName[], options: RpcClientOptions): DynamicModule {
    const clients = targets.map((target) => new RpcClient(target, options));
    const providers: Provider[] = clients.map((client) => ({
      provide: rpcClientToken(client.target),
      useValue: client,
    }));
    providers.push({ provide: RpcClientsCloser, useValue: new RpcClientsCloser(clients) });
    return {
      module: RpcClientsModule,
      global: true,
      providers,
      exports: providers,
    };
  }
}
