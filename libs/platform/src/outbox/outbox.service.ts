import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { accountPrincipal } from '@app/contracts';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxRelay } from './outbox-relay.service';

/** Where a change happened and who made it: the CloudEvents `organizationid` and `principal`. */
export interface EventOrigin {
  organizationId: string;
  /** `accounts/<accountId>` (see @app/contracts `accountPrincipal`). */
  principal: string;
}

/** The origin of a change: its organization, and who made it (an account, or the principal named). */
export function eventOrigin(by: {
  accountId: string;
  organizationId: string;
  principal?: string;
}): EventOrigin {
  return {
    organizationId: by.organizationId,
    principal: by.principal ?? accountPrincipal(by.accountId),
  };
}

/** Records an event inside the caller's transaction; the relay publishes it after commit. */
@Injectable()
export class Outbox {
  constructor(private readonly relay: OutboxRelay) {}

  async add(
    manager: EntityManager,
    pattern: string,
    origin: EventOrigin,
    body: object,
  ): Promise<void> {
    await this.addMany(manager, pattern, origin, [body]);
  }

  /** Several events of one kind in one INSERT (a batch of technicians created together). */
  async addMany(
    manager: EntityManager,
    pattern: string,
    origin: EventOrigin,
    bodies: object[],
  ): Promise<void> {
    if (bodies.length === 0) return;
    const occurredAt = new Date().toISOString();
    await manager.getRepository(OutboxEvent).insert(
      bodies.map((body) => ({
        pattern,
        payload: { eventId: randomUUID(), occurredAt, ...origin, ...body },
      })),
    );
    // Publish soon after the transaction commits, rather than at the next poll.
    this.relay.nudgeSoon();
  }
}
