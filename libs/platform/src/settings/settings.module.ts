import { DynamicModule, Module } from '@nestjs/common';

/** Makes a service's validated settings object injectable by its class, everywhere in the service. */
@Module({})
export class SettingsModule {
  static forRoot<T extends object>(token: new () => T, settings: T): DynamicModule {
    return {
      module: SettingsModule,
      global: true,
      providers: [{ provide: token, useValue: settings }],
      exports: [token],
    };
  }
}
