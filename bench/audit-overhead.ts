import { queryDatabase } from '../test/support/databases';
import { createGroup } from '../test/support/fixtures';
import type { Stack } from '../test/support/stack';
import { waitFor } from '../test/support/wait-for';
import { importFile, runImport } from './imports';
import { cpuTimeOf, timed } from './measure';
import { processesOf } from './stack-work';
import { type Figure, ratio, seconds } from './report';

/**
 * What recording the log costs the imports (issue 24: the four 500-row imports add 2,000
 * entries with no more than 5% to their time). Four imports at once, run in turns with the
 * audit service recording and stopped (its events then wait in its queue, as when it is down),
 * twice each, after a turn to warm up; the log catches up between turns, so that each turn
 * starts from rest.
 */
export async function auditOverheadFigures(
  stack: Stack,
  token: string,
  rows: number,
  figures: Figure[],
  step: (what: string) => void,
): Promise<Record<string, unknown>> {
  const groupId = (await createGroup(stack.api, token)).id;
  // A whole turn first, not measured: the first four imports of a stack run slower (JIT,
  // connections, the policy's dictionary), whichever turn that would be.
  step('four imports at once to warm up (not measured)');
  const warmup = [1, 2, 3, 4].map((n) => importFile(groupId, rows, `audit-warmup-${n}`));
  await Promise.all(warmup.map((file) => runImport(stack, token, file)));
  const turns: {
    recording: boolean;
    ms: number;
    created: number;
    cpuSeconds: Record<string, number>;
  }[] = [];
  // The stack started it: it runs until the first turn stops it.
  let running = true;
  for (const recording of [false, true, false, true]) {
    if (recording && !running) await stack.services.audit.start();
    await caughtUp(stack);
    if (!recording) await stack.services.audit.stop();
    running = recording;
    step(
      `four ${rows}-row imports at once, the audit service ${recording ? 'recording' : 'stopped'}`,
    );
    const files = [1, 2, 3, 4].map((n) => importFile(groupId, rows, `audit${turns.length}-${n}`));
    const { result: four, cpuSeconds } = await cpuTimeOf(processesOf(stack), () =>
      timed(() => Promise.all(files.map((file) => runImport(stack, token, file)))),
    );
    turns.push({
      recording,
      ms: four.ms,
      created: four.result.reduce((sum, run) => sum + run.succeeded, 0),
      cpuSeconds,
    });
  }
  if (!running) await stack.services.audit.start();
  const entries = await caughtUp(stack);
  const mean = (recording: boolean) => {
    const chosen = turns.filter((turn) => turn.recording === recording);
    return chosen.reduce((sum, turn) => sum + turn.ms, 0) / chosen.length;
  };
  const overhead = mean(true) / mean(false) - 1;
  figures.push({
    figure: `four ${rows}-row imports at once, the audit service recording vs stopped (mean of 2 turns each)`,
    value: `${seconds(mean(true))} vs ${seconds(mean(false))}: ${ratio(1 + overhead)} (${entries} entries in the log)`,
    goal: '≤ 1.05',
    met: overhead <= 0.05,
  });
  // Where the difference goes: the CPU seconds of each process in a turn, recording vs stopped.
  const cpuOf = (recording: boolean) => {
    const chosen = turns.filter((turn) => turn.recording === recording);
    const sums: Record<string, number> = {};
    for (const turn of chosen)
      for (const [name, cpu] of Object.entries(turn.cpuSeconds))
        sums[name] = (sums[name] ?? 0) + cpu / chosen.length;
    return sums;
  };
  const [on, off] = [cpuOf(true), cpuOf(false)];
  figures.push({
    figure: 'CPU seconds of a turn by process, recording vs stopped (mean)',
    value: Object.keys({ ...on, ...off })
      .filter((name) => (on[name] ?? 0) + (off[name] ?? 0) >= 0.05)
      .sort((a, b) => (on[b] ?? 0) - (off[b] ?? 0) - ((on[a] ?? 0) - (off[a] ?? 0)))
      .map((name) => `${name} ${(on[name] ?? 0).toFixed(1)} vs ${(off[name] ?? 0).toFixed(1)}`)
      .join(', '),
    goal: '',
  });
  return { turns, overhead, entries };
}

/** Once the audit service has recorded every event waiting for it (its entries stop growing), their number. */
async function caughtUp(stack: Stack): Promise<number> {
  const count = async () =>
    Number(
      (
        await queryDatabase<{ n: string }>(
          stack.env.databases.audit,
          'SELECT count(*) AS n FROM audit_entries',
        )
      )[0].n,
    );
  let last = -1;
  return waitFor(
    async () => {
      const now = await count();
      const settled = now === last;
      last = now;
      return settled ? now : undefined;
    },
    { timeoutMs: 300_000, intervalMs: 2_000, what: 'the audit log to catch up' },
  );
}
