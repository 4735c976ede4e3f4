import type { Lane } from '@app/contracts';

/**
 * Runs password hashes (and checks) at most `slots` at once, one per core, and hands a
 * slot that frees up to a person waiting (the interactive lane) before any import row (the
 * bulk lane). Imports may then queue as many hashes as they like and use every core, while
 * a sign-in or a single create waits for at most the one hash that finishes first. Bulk
 * hashes of several organizations take turns, one hash each, so that one organization's
 * batches queued first do not hold up another's small import.
 */
export class HashScheduler {
  private running = 0;
  private readonly interactive: (() => void)[] = [];
  /** Waiting bulk hashes by organization; the Map's order is the rotation. */
  private readonly bulk = new Map<string, (() => void)[]>();

  constructor(readonly slots: number) {}

  async run<T>(lane: Lane, work: () => Promise<T>, organizationId = ''): Promise<T> {
    await this.acquire(lane, organizationId);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Hashes waiting for a slot, by lane (for tests and metrics). */
  get queued(): Record<Lane, number> {
    let bulk = 0;
    for (const waiting of this.bulk.values()) bulk += waiting.length;
    return { interactive: this.interactive.length, bulk };
  }

  private acquire(lane: Lane, organizationId: string): Promise<void> {
    if (this.running < this.slots) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      if (lane === 'interactive') return this.interactive.push(resolve);
      const waiting = this.bulk.get(organizationId);
      if (waiting) waiting.push(resolve);
      else this.bulk.set(organizationId, [resolve]);
    });
  }

  private release(): void {
    // The slot passes straight to the next in line, people first.
    const next = this.interactive.shift() ?? this.nextBulk();
    if (next) next();
    else this.running--;
  }

  /** The first organization's next hash; that organization goes to the back of the rotation. */
  private nextBulk(): (() => void) | undefined {
    const first = this.bulk.entries().next();
    if (first.done) return undefined;
    const [organizationId, waiting] = first.value;
    const next = waiting.shift();
    this.bulk.delete(organizationId);
    if (waiting.length > 0) this.bulk.set(organizationId, waiting);
    return next;
  }
}
