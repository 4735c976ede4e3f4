import type { Lane } from '@app/contracts';

/**
 * Runs password hashes (and checks) at most `slots` at once, one per core, and hands a
 * slot that frees up to a person waiting (the interactive lane) before any import row (the
 * bulk lane). Imports may then queue as many hashes as they like and use every core, while
 * a sign-in or a single create waits for at most the one hash that finishes first.
 */
export class HashScheduler {
  private running = 0;
  private readonly waiting: Record<Lane, (() => void)[]> = { interactive: [], bulk: [] };

  constructor(readonly slots: number) {}

  async run<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    await this.acquire(lane);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Hashes waiting for a slot, by lane (for tests and metrics). */
  get queued(): Record<Lane, number> {
    return { interactive: this.waiting.interactive.length, bulk: this.waiting.bulk.length };
  }

  private acquire(lane: Lane): Promise<void> {
    if (this.running < this.slots) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting[lane].push(resolve));
  }

  private release(): void {
    // The slot passes straight to the next in line, people first.
    const next = this.waiting.interactive.shift() ?? this.waiting.bulk.shift();
    if (next) next();
    else this.running--;
  }
}
