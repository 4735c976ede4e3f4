import { DynamicModule, Module } from '@nestjs/common';
import { OutboxRelay, OUTBOX_OPTIONS, OutboxOptions } from './outbox-relay.service';
import { Outbox } from './outbox.service';

/** The transactional outbox of a service (its `outbox_events` table comes from its migrations). */
@Module({})
export class OutboxModule {
  static forRoot(options: OutboxOptions): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      providers: [{ provide: OUTBOX_OPTIONS, useValue: options }, OutboxRelay, Outbox],
      exports: [Outbox],
    };
  }
}
