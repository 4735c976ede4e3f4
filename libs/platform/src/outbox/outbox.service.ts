import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { accountPrincipal, ChangeChannel, ChangeOrigin, originAttribute } from '@app/contracts';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxRelay } from './outbox-relay.service';

/**
 * Where a change happened, who made it and from where: the CloudEvents `organizationid`,
 * `principal`, `channel` and `origin` of its events.
 */
export interface EventOrigin {
  organizationId: string;
  /** `accounts/<id>`, `service-principals/<id>` or `scim-tokens/<id>` (see @app/contracts). */
  principal: string;
  channel: ChangeChannel;
  /** See @app/contracts `originAttribute`; absent when unknown. */
  origin?: string;
}

/**
 * The origin of a change: its organization, who made it (an account, or the principal
 * named) and the way it came (the Actor's `origin`; none: the product on its own, `system`).
 */
export function eventOrigin(by: {
  accountId: string;
  organizationId: string;
  principal?: string;
  origin?: ChangeOrigin;
}): EventOrigin {
  const origin = by.origin ?? { channel: 'system' as const };
  const detail = originAttribute(origin);
  return {
    organizationId: by.organizationId,
    principal: by.principal ?? accountPrincipal(by.accountId),
    channel: origin.channel,
    ...(detail ? { origin: detail } : {}),
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
