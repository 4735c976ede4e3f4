import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxRelay } from './outbox-relay.service';

/** Records an event inside the caller's transaction; the relay publishes it after commit. */
@Injectable()
export class Outbox {
  constructor(private readonly relay: OutboxRelay) {}

  async add(
    manager: EntityManager,
    pattern: string,
    organizationId: string,
    body: object,
  ): Promise<void> {
    await manager.getRepository(OutboxEvent).insert({
      pattern,
      payload: {
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        organizationId,
        ...body,
      },
    });
    // Publish soon after the transaction commits, rather than at the next poll.
    this.relay.nudgeSoon();
  }
}
