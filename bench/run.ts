/*
 * npm run bench: the figures of docs/BENCHMARKS.md. Starts the whole stack on databases and
 * a QUEUE_PREFIX of its own, measures, prints a table and writes bench/results.json.
 * Not a test: it never fails on a figure. Settings in the environment that the services
 * read (IMPORT_CONCURRENCY, IMPORT_BATCH_SIZE, *_PREFETCH, *_BULK_PREFETCH) are passed to them, to compare.
 * BENCH_ONLY=scim measures only the SCIM figures (and seeds the large organization they need);
 * BENCH_ONLY=audit only the audit log's reads at 1,000,000 entries; BENCH_ONLY=audit-overhead
 * only what recording the log costs four imports at once; BENCH_ONLY=web only the web app's
 * figures in Chromium (the sign-in page's first load, the tree of 1,002 groups); group-search,
 * docs/BENCHMARKS.md.
 */
import 'reflect-metadata';
import { createGroup } from '../test/support/fixtures';
import { checkAccountInvariants } from '../test/support/invariants';
import { ServiceProcess } from '../test/support/service-process';
import { Stack } from '../test/support/stack';
import { hashFloor } from './hash-floor';
import { importFile, runImport } from './imports';
import { cpuTimeOf, infrastructurePids, percentiles, sampleResidentMemory, timed } from './measure';
import { Figure, machine, perRow, ratio, seconds, tunableSettings, writeResults } from './report';
import { auditFigures } from './audit-log';
import { auditOverheadFigures } from './audit-overhead';
import { largeOrganization, largeReads } from './large-organization';
import { scimFigures } from './scim-figures';
import { seedOrganization } from './seed';
import { readLatencies, restCreates, secondOrganization, servicePids } from './stack-work';
import { webFigures } from './web-figures';

const ROWS = 500;

const ONLY = ['scim', 'audit', 'audit-overhead', 'group-search', 'web'] as const;

/** BENCH_ONLY=scim, audit, audit-overhead, group-search or web: those figures alone, without the other ten minutes. */
function only(): (typeof ONLY)[number] | undefined {
  const value = process.env.BENCH_ONLY;
  if (value && !(ONLY as readonly string[]).includes(value))
    throw new Error(`BENCH_ONLY=${value}: only ${ONLY.join(', ')} are known`);
  return (value || undefined) as (typeof ONLY)[number] | undefined;
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const results: Record<string, unknown> = { at: new Date().toISOString(), machine: machine() };
  const settings = tunableSettings();
  results.settings = settings;
  const step = (what: string) => process.stdout.write(`bench: ${what}\n`);
  const auditOnly = only() === 'audit';
  const overheadOnly = only() === 'audit-overhead';
  if (only()) results.only = only();

  if (!only()) step(`the floor: ${ROWS} argon2id hashes`);
  const floor = only() ? undefined : await hashFloor(ROWS);
  if (floor) {
    results.floor = floor;
    figures.push({
      figure: `floor: ${ROWS} argon2id hashes, ${floor.concurrency} at once (best of ${floor.attemptsMs.length})`,
      value: seconds(floor.ms),
      goal: '',
    });
  }

  step('starting the stack');
  const stack = await Stack.start('bench', { ACCESS_TOKEN_TTL_SECONDS: '7200', ...settings });
  try {
    const token = await stack.adminToken();
    if (floor) {
      const groupId = (await createGroup(stack.api, token)).id;
      // Warm up every path once (connections, JIT, the policy's dictionary) before measuring.
      await runImport(stack, token, importFile(groupId, 10, 'warmup'));
      await restCreates(stack, token, groupId, 5);

      step('single creates through the REST API, at rest');
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // let the warm-up settle
      const atRest = percentiles(await restCreates(stack, token, groupId, 60));

      step(`one ${ROWS}-row import`);
      const processes = {
        ...Object.fromEntries(
          Object.entries(servicePids(stack)).map(([name, pid]) => [name, [pid]]),
        ),
        ...infrastructurePids(),
        bench: [process.pid],
      };
      const oneFile = importFile(groupId, ROWS, 'one');
      const { result: one, cpuSeconds } = await cpuTimeOf(processes, () =>
        runImport(stack, token, oneFile),
      );
      results.oneImport = { ...one, ratio: one.ms / floor.ms, cpuSeconds };
      figures.push({
        figure: `one ${ROWS}-row import, upload to completed`,
        value: `${seconds(one.ms)} = ${ratio(one.ms / floor.ms)} floor (${one.succeeded} created)`,
        goal: '≤ 1.25 floor',
        met: one.ms / floor.ms <= 1.25 && one.succeeded === ROWS,
      });
      const cpuTotal = Object.values(cpuSeconds).reduce((sum, s) => sum + s, 0);
      figures.push({
        figure: 'CPU time of that import, per row, by process',
        value: `${perRow(cpuTotal, ROWS)} ms in all: ${Object.entries(cpuSeconds)
          .sort(([, a], [, b]) => b - a)
          .map(([name, s]) => `${name} ${perRow(s, ROWS)}`)
          .join(', ')}`,
        goal: '',
      });

      step(`four ${ROWS}-row imports at once`);
      const atRestMemory = sampleResidentMemory(servicePids(stack)).stop();
      results.restingMemoryMb = atRestMemory;
      const memory = sampleResidentMemory(servicePids(stack));
      const files = [1, 2, 3, 4].map((n) => importFile(groupId, ROWS, `four${n}`));
      const four = await timed(() => Promise.all(files.map((f) => runImport(stack, token, f))));
      const peaks = memory.stop();
      const fourCreated = four.result.reduce((sum, run) => sum + run.succeeded, 0);
      results.fourImports = { ms: four.ms, ratio: four.ms / (4 * floor.ms), runs: four.result };
      results.peakMemoryMb = peaks;
      figures.push({
        figure: `four ${ROWS}-row imports at once`,
        value: `${seconds(four.ms)} = ${ratio(four.ms / (4 * floor.ms))} × 4 floors (${fourCreated} created)`,
        goal: '≤ 1.25 × 4 floors',
        met: four.ms / (4 * floor.ms) <= 1.25 && fourCreated === 4 * ROWS,
      });
      for (const [name, mb] of Object.entries(peaks))
        figures.push({
          figure: `peak resident memory of ${name} during the four imports`,
          value: `${mb} MB (${atRestMemory[name]} MB before)`,
          goal: '≤ 200 MB',
          met: mb <= 200,
        });

      step('single creates through the REST API, during four imports');
      const loadFiles = [1, 2, 3, 4].map((n) => importFile(groupId, ROWS, `load${n}`));
      let importsRunning = true;
      let uploaded = 0;
      const loadImports = Promise.all(
        loadFiles.map((f) => runImport(stack, token, f, () => uploaded++)),
      ).finally(() => (importsRunning = false));
      // Creates from the moment the four uploads have been answered (the hardest moment:
      // 2,000 rows queued at once) until the imports finish.
      while (uploaded < loadFiles.length) await new Promise((resolve) => setTimeout(resolve, 5));
      const underLoadSamples: number[] = [];
      while (importsRunning && underLoadSamples.length < 200)
        underLoadSamples.push(...(await restCreates(stack, token, groupId, 1)));
      await loadImports;
      const underLoad = percentiles(underLoadSamples);
      const firstAfterUploads = percentiles(underLoadSamples.slice(0, 20));
      results.restCreates = { atRest, underLoad, firstAfterUploads };
      figures.push(
        {
          figure: 'single create (REST), at rest: p50 / p95',
          value: `${atRest.p50} / ${atRest.p95} ms (${atRest.count} creates)`,
          goal: '',
        },
        {
          figure: 'single create (REST), during four imports: p50 / p95',
          value: `${underLoad.p50} / ${underLoad.p95} ms (${underLoad.count} creates) = ${ratio(underLoad.p95 / atRest.p95)} p95 at rest`,
          goal: '≤ 2 × p95 at rest',
          met: underLoad.p95 <= 2 * atRest.p95,
        },
        {
          figure: 'single create (REST), the first 20 after the four uploads: p50 / p95',
          value: `${firstAfterUploads.p50} / ${firstAfterUploads.p95} ms = ${ratio(firstAfterUploads.p95 / atRest.p95)} p95 at rest`,
          goal: '≤ 2 × p95 at rest',
          met: firstAfterUploads.p95 <= 2 * atRest.p95,
        },
      );

      step('tenant fairness: a second organization imports while the first runs four imports');
      const second = await secondOrganization(stack);
      await runImport(stack, second.token, importFile(second.groupId, 10, 'fair-warmup'));
      const smallAtRest = await runImport(
        stack,
        second.token,
        importFile(second.groupId, 10, 'fair-rest'),
      );
      const busyFiles = [1, 2, 3, 4].map((n) => importFile(groupId, ROWS, `busy${n}`));
      const busy = Promise.all(busyFiles.map((f) => runImport(stack, token, f)));
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const smallUnderLoad = await runImport(
        stack,
        second.token,
        importFile(second.groupId, 10, 'fair-load'),
      );
      await busy;
      results.fairness = { atRest: smallAtRest, underLoad: smallUnderLoad };
      figures.push({
        figure:
          "tenant fairness: a 10-row import of a second organization, during the first's four imports",
        value: `${seconds(smallUnderLoad.ms)} (at rest ${seconds(smallAtRest.ms)})`,
        goal: '≤ 2 × at rest + 1 s',
        met: smallUnderLoad.ms <= 2 * smallAtRest.ms + 1000 && smallUnderLoad.succeeded === 10,
      });

      step('two org and two import processes');
      const extra = [
        new ServiceProcess('org', stack.env.vars, stack.env.logDir),
        new ServiceProcess('import', stack.env.vars, stack.env.logDir),
      ];
      await Promise.all(extra.map((service) => service.start()));
      try {
        const twoFiles = [1, 2].map((n) => importFile(groupId, ROWS, `pair${n}`));
        const pair = await timed(() =>
          Promise.all(twoFiles.map((f) => runImport(stack, token, f))),
        );
        const created = pair.result.reduce((sum, run) => sum + run.succeeded, 0);
        const invariants = await checkAccountInvariants(stack.env);
        const problems =
          invariants.duplicateEmails.length +
          invariants.orphanCredentials.length +
          invariants.accountsWithoutCredential.length;
        results.competingConsumers = { ms: pair.ms, created, invariants };
        figures.push({
          figure: `two ${ROWS}-row imports on 2 org + 2 import processes`,
          value: `${seconds(pair.ms)}, ${Math.round((created / pair.ms) * 1000)} rows/s (one process each: ${Math.round((ROWS / one.ms) * 1000)} rows/s)`,
          goal: '',
        });
        figures.push({
          figure: 'competing consumers: duplicates, orphan credentials, half-made accounts',
          value: `${invariants.duplicateEmails.length}, ${invariants.orphanCredentials.length}, ${invariants.accountsWithoutCredential.length} (of ${invariants.activeAccounts} accounts)`,
          goal: '0, 0, 0',
          met: problems === 0 && created === 2 * ROWS,
        });
      } finally {
        await Promise.all(extra.map((service) => service.stop()));
        extra.forEach((service) => service.close());
      }

      step('seeding 1,000 groups and 10,000 technicians');
      await seedOrganization(stack, token, 1_000, 10_000);
      const reads: Record<string, string[]> = {
        'GET /groups (the whole tree of 1,000 groups)': ['/api/v1/groups'],
        'technician search (GET /technicians?q=)': [
          '/api/v1/technicians?q=seeded%20technician%204242',
          '/api/v1/technicians?q=bench.example',
          '/api/v1/technicians?q=nobody-is-called-this',
          '/api/v1/technicians?q=technician%2099',
        ],
      };
      const readResults: Record<string, unknown> = {};
      for (const [figure, paths] of Object.entries(reads)) {
        step(figure);
        const samples = await readLatencies(stack, token, paths, 200);
        const p = percentiles(samples);
        readResults[figure] = p;
        figures.push({
          figure: `${figure}: p50 / p95`,
          value: `${p.p50} / ${p.p95} ms`,
          goal: 'p95 ≤ 50 ms',
          met: p.p95 <= 50,
        });
      }
      results.reads = readResults;
    }

    if (only() === 'web') {
      step('seeding 1,000 groups and 10,000 technicians');
      await createGroup(stack.api, token); // the full run's warm-up group: 1,002 with the large team
      await seedOrganization(stack, token, 1_000, 10_000);
      results.web = await webFigures(stack, token, figures, step);
    } else if (overheadOnly) {
      results.auditOverhead = await auditOverheadFigures(stack, token, ROWS, figures, step);
    } else if (only() === 'group-search') {
      const large = await largeOrganization(stack);
      results.largeReads = await largeReads(stack, large, figures, step, /^(group search|the top)/);
    } else if (auditOnly) {
      const me = (await stack.api.get('/api/v1/me', token)).body as { organizationId: string };
      results.audit = await auditFigures(stack, token, me.organizationId, figures, step);
    } else {
      results.scim = await largeAndScimFigures();
    }
    // The large organization, its reads and the SCIM figures (all but BENCH_ONLY=audit).
    async function largeAndScimFigures(): Promise<unknown> {
      step('an organization of 10,000 groups and 100,000 technicians');
      const large = await largeOrganization(stack);
      if (floor) {
        results.largeReads = await largeReads(stack, large, figures, step);
        results.web = await webFigures(stack, token, figures, step);
      }
      return scimFigures(stack, token, large, figures, step);
    }
  } finally {
    await stack.stop();
  }

  writeResults({ ...results, figures });
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
