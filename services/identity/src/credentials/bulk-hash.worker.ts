import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { hashSync } from '@node-rs/argon2';
import { ARGON2_OPTIONS } from './argon2-options';

/**
 * A thread that hashes import rows' passwords at the lowest CPU priority (BulkHashPool).
 * The password arrives by postMessage, within the process; the hash goes back the same way.
 */
lowerThisThreadsPriority();

parentPort!.on('message', ({ id, password }: { id: number; password: string }) => {
  try {
    parentPort!.postMessage({ id, hash: hashSync(password, ARGON2_OPTIONS) });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : 'hash failed' });
  }
});

/**
 * Linux: `/proc/thread-self` names this thread (`<pid>/task/<tid>`), and setpriority on a
 * thread id sets that thread's nice value alone. Elsewhere the hashes keep the normal
 * priority (HashScheduler still puts a person's first).
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0)
      setPriority(threadId, constants.priority.PRIORITY_LOW);
  } catch {
    // Not Linux, or not allowed: keep the priority.
  }
}
