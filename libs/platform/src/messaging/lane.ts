import { AsyncLocalStorage } from 'node:async_hooks';
import type { Lane } from '@app/contracts';

const storage = new AsyncLocalStorage<Lane>();

/**
 * The lane of the work in progress. A service handling a message of the bulk lane sends
 * the calls it makes on that message's behalf on the bulk lane too, so background work
 * stays in the background all the way down (org -> identity for an imported row).
 */
export function currentLane(): Lane | undefined {
  return storage.getStore();
}

export function runInLane<T>(lane: Lane, work: () => T): T {
  return storage.run(lane, work);
}
