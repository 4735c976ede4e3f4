import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One line of the benchmark's table (docs/BENCHMARKS.md). */
export interface Figure {
  figure: string;
  value: string;
  goal: string;
  met?: boolean;
}

export function machine(): Record<string, unknown> {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

/** Milliseconds per row of `cpuSeconds` spent on `rows` rows. */
export function perRow(cpuSeconds: number, rows: number): string {
  return ((cpuSeconds * 1000) / rows).toFixed(1);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.figure,
    f.value,
    f.goal,
    f.met === undefined ? '' : f.met ? 'met' : 'NOT met',
  ]);
  const header = ['figure', 'value', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The settings of the environment that the services read and a run may vary, to compare. */
const TUNABLES = /^(IMPORT_CONCURRENCY|IMPORT_BATCH_SIZE|(IDENTITY|ORG|IMPORT)_(BULK_)?PREFETCH)$/;

export function tunableSettings(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => TUNABLES.test(name)) as [string, string][],
  );
}

/** Writes bench/results.json and prints the table of its figures. */
export function writeResults(results: Record<string, unknown> & { figures: Figure[] }): void {
  const file = path.join(process.cwd(), 'bench', 'results.json');
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(
    `\n${table(results.figures)}\nwritten to ${path.relative(process.cwd(), file)}\n`,
  );
}
