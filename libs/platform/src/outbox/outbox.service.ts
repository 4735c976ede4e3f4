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
    await this.addMany(manager, pattern, organizationId, [body]);
  }

  /** Several events of one kind in one INSERT (a batch of technicians created together). */
  async addMany(
    manager: EntityManager,
    pattern: string,
    organizationId: string,
    bodies: object[],
  ): Promise<void> {
    if (bodies.length === 0) return;
    const occurredAt = new Date().toISOString();
    await manager.getRepository(OutboxEvent).insert(
      bodies.map((body) => ({
        pattern,
        payload: { eventId: randomUUID(), occurredAt, organizationId, ...body },
      })),
    );
    // Publish soon after the transaction commits, rather than at the next poll.
    this.relay.nudgeSoon();
  }
}
