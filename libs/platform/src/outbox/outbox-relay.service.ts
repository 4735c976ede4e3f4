import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ServiceName } from '@app/contracts';
import { EventPublisher } from '../messaging/event-publisher';
import { OutboxEvent } from './outbox-event.entity';

export const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

export interface OutboxOptions {
  url: string;
  prefix: string;
  timeoutMs: number;
  /** The service that publishes: the events' CloudEvents `source`. */
  service: ServiceName;
}

const POLL_MS = 1000;
const BATCH = 100;
/** How long a new event waits for others to share its pass (a pass is four statements). */
const COALESCE_MS = 100;

/**
 * Publishes outbox events, then deletes them, in one transaction per batch of up to 100
 * with the rows locked (SKIP LOCKED, so replicas share the work). One process publishes a
 * batch in the order the events were written; with several replicas, batches go out side by
 * side, so events can arrive out of order across batches (a subscriber orders by
 * `occurredAt`). A crash between publishing and committing publishes again: events are at
 * least once, deduplicated by `eventId`.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly publisher: EventPublisher;
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OUTBOX_OPTIONS) options: OutboxOptions,
  ) {
    this.publisher = new EventPublisher(options);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.nudge(), POLL_MS);
    this.nudge();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.soon);
    await this.running;
    await this.publisher.close();
  }

  /**
   * A pass shortly after an event was added: its transaction has committed by then, and the
   * events of a burst (an import's rows) go out together instead of one pass each.
   */
  nudgeSoon(): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.nudge();
    }, COALESCE_MS);
  }

  /** Runs a pass now (or right after the one in progress). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: unknown) => this.logger.warn({ err }, 'publishing events failed; retrying'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          setImmediate(() => this.nudge());
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const published = await this.dataSource.transaction(async (manager) => {
        const events = await manager
          .getRepository(OutboxEvent)
          .createQueryBuilder('e')
          .orderBy('e.id')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const event of events) await this.publisher.publish(event);
        if (events.length > 0)
          await manager.getRepository(OutboxEvent).delete(events.map((e) => e.id));
        return events.length;
      });
      if (published < BATCH) return;
    }
  }
}
