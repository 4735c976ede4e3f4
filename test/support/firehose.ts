import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * RabbitMQ's firehose (every message, copied to `amq.rabbitmq.trace`) is one switch for the
 * whole broker, and test files run in parallel: the last user turns it off. A count in a
 * file, guarded by an atomic mkdir, says how many users there are.
 */
const LOCK = path.join(os.tmpdir(), 'rac-firehose.lock');
const COUNT = path.join(os.tmpdir(), 'rac-firehose.count');

async function withLock<T>(work: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (attempt > 200) rmSync(LOCK, { recursive: true, force: true }); // a holder died
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function count(): number {
  try {
    return Number(readFileSync(COUNT, 'utf8')) || 0;
  } catch {
    return 0;
  }
}

export async function firehoseOn(): Promise<void> {
  await withLock(() => {
    const users = count();
    if (users === 0) execFileSync('rabbitmqctl', ['trace_on'], { stdio: 'ignore' });
    writeFileSync(COUNT, String(users + 1));
  });
}

export async function firehoseOff(): Promise<void> {
  await withLock(() => {
    const users = Math.max(count() - 1, 0);
    if (users === 0) execFileSync('rabbitmqctl', ['trace_off'], { stdio: 'ignore' });
    writeFileSync(COUNT, String(users));
  });
}
