import { readdirSync, readFileSync } from 'node:fs';

/** Wall time of `work` in milliseconds, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of latencies in milliseconds, rounded to 0.1 ms. */
export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(at(100)),
  };
}

/** Runs `task` for each item with at most `concurrency` at once. */
export async function inParallel<T>(
  items: T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  });
  await Promise.all(lanes);
}

/**
 * Samples the resident memory (VmRSS, Linux /proc) of some processes every `intervalMs`
 * and keeps each one's peak; stop() ends the sampling and returns the peaks in MB.
 */
export function sampleResidentMemory(
  pids: Record<string, number | undefined>,
  intervalMs = 200,
): { stop(): Record<string, number> } {
  const peaks: Record<string, number> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      if (!pid) continue;
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
        peaks[name] = Math.max(peaks[name] ?? 0, Math.round(kb / 1024));
      } catch {
        // The process is gone (restarted, or not on Linux): nothing to sample.
      }
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

/** Processes of the infrastructure by their command name, to count their CPU time too. */
const INFRASTRUCTURE: Record<string, string[]> = {
  postgres: ['postgres'],
  rabbitmq: ['beam.smp'],
  redis: ['redis-server'],
};

/** The pids of the infrastructure's processes on this machine (Linux /proc). */
export function infrastructurePids(): Record<string, number[]> {
  const found: Record<string, number[]> = Object.fromEntries(
    Object.keys(INFRASTRUCTURE).map((name) => [name, []]),
  );
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      for (const [name, comms] of Object.entries(INFRASTRUCTURE))
        if (comms.includes(comm)) found[name].push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * CPU time (user + system, seconds) that groups of processes spend while `work` runs:
 * where the time of an import goes. A process that exits meanwhile counts as nothing.
 */
export async function cpuTimeOf<T>(
  groups: Record<string, number[]>,
  work: () => Promise<T>,
): Promise<{ result: T; cpuSeconds: Record<string, number> }> {
  const before = Object.values(groups)
    .flat()
    .map((pid) => [pid, ticks(pid)] as const);
  const result = await work();
  // Per process, and only those alive at both ends: one that exits meanwhile (a Postgres
  // backend) would otherwise take its whole past off its group's total.
  const delta = new Map(
    before.map(([pid, start]) => {
      const end = ticks(pid);
      return [pid, start === undefined || end === undefined ? 0 : end - start];
    }),
  );
  const cpuSeconds = Object.fromEntries(
    Object.entries(groups).map(([group, pids]) => [
      group,
      Math.round(pids.reduce((sum, pid) => sum + (delta.get(pid) ?? 0), 0)) / 100,
    ]),
  );
  return { result, cpuSeconds };
}

/**
 * Waits until `pids` together use less than a tenth of a core over half a second (what an
 * earlier step left them to do is done: the audit log of a thousand new groups, say), at
 * most `maxMs`. Returns how long it waited.
 */
export async function waitForQuiet(pids: number[], maxMs = 60_000): Promise<number> {
  const started = Date.now();
  const total = () => pids.reduce((sum, pid) => sum + (ticks(pid) ?? 0), 0);
  let before = total();
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = total();
    if (now - before < 5) break;
    before = now;
  }
  return Date.now() - started;
}

/** utime + stime of a process, in clock ticks (1/100 s on Linux); undefined once it is gone. */
function ticks(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}
