import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Stack } from './stack';

const FILE = path.resolve(__dirname, '../../test-results/figures.jsonl');

/** Appends one line of figures of a run (docs/RELIABILITY.md quotes them). */
export function recordFigures(figures: Record<string, unknown>): void {
  mkdirSync(path.dirname(FILE), { recursive: true });
  appendFileSync(FILE, JSON.stringify({ at: new Date().toISOString(), ...figures }) + '\n');
}

/** How many of the stack's services are no longer running (a crash, for the figures). */
export function crashedServices(stack: Stack | undefined): number {
  return stack ? Object.values(stack.services).filter((service) => !service.running).length : 0;
}

/** The figures of the chaos suite: each scenario's (`details`), and their sums. */
export function recordChaosFigures(details: Record<string, unknown>[]): void {
  const sum = (key: string) => details.reduce((total, d) => total + Number(d[key] ?? 0), 0);
  recordFigures({
    suite: 'chaos',
    scenarios: details.length,
    faultsInjected: sum('faults'),
    rows: sum('rows'),
    rowsLost: sum('rowsLost'),
    rowsDuplicated: sum('rowsDuplicated'),
    rowsMislinked: sum('rowsMislinked'),
    strayTechnicians: sum('strayTechnicians'),
    orphanCredentials: sum('orphanCredentials'),
    signInFailures: sum('signInFailures'),
    details,
  });
}
