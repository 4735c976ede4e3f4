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
