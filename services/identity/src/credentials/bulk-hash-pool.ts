import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

interface Pending {
  resolve(hash: string): void;
  reject(err: Error): void;
}

/**
 * Threads that hash import rows' passwords at the lowest CPU priority (nice 19 on Linux).
 * Hashing is most of the CPU an import costs; at that priority it takes only what the rest
 * leaves: a person's request, in every service and in Postgres, runs as if no import were
 * going on, and an import still uses every idle cycle. Work is given to the thread with
 * the fewest hashes in hand (HashScheduler keeps it at one each).
 */
export class BulkHashPool {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[];
  private nextId = 0;

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(join(__dirname, 'bulk-hash.worker.js'));
      const pending = new Map<number, Pending>();
      worker.on('message', (reply: { id: number; hash?: string; error?: string }) => {
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if (reply.hash !== undefined) waiting?.resolve(reply.hash);
        else waiting?.reject(new Error(reply.error ?? 'hash failed'));
      });
      worker.on('error', (err) => {
        for (const waiting of pending.values()) waiting.reject(err);
        pending.clear();
      });
      // The pool lives as long as the process: it does not keep it alive.
      worker.unref();
      return { worker, pending };
    });
  }

  hash(password: string): Promise<string> {
    const least = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      least.pending.set(id, { resolve, reject });
      least.worker.postMessage({ id, password });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
