import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const FILE = path.resolve(__dirname, '../../test-results/figures.jsonl');

/** Appends one line of figures of a run (docs/RELIABILITY.md quotes them). */
export function recordFigures(figures: Record<string, unknown>): void {
  mkdirSync(path.dirname(FILE), { recursive: true });
  appendFileSync(FILE, JSON.stringify({ at: new Date().toISOString(), ...figures }) + '\n');
}
