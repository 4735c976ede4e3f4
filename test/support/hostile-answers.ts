import type { ApiResponse } from './api-client';
import {
  brokenPasswordRules,
  brokenRules,
  policyViolations,
  TextField,
  trimmed,
} from './field-rules';
import { hostileLabel, hostileStrings } from './hostile-strings';

/**
 * What the hostile-rest suites (test/e2e/hostile-rest-*.e2e-spec.ts) send and expect: the
 * hostile strings, the lanes they go through, the one answer each case expects (the field
 * rules of spec section 2, test/support/field-rules.ts) and the findings of a test.
 *
 * Fields that the product reports all at once (every field of a body is checked, each
 * naming its own error) share one request per string: the string goes into all of them,
 * the answer must name exactly the fields whose rules it breaks, and the fields it
 * satisfies go again on their own, to be stored and read back. Fewer requests, each field
 * still asserted for every string.
 */

const HOSTILE_STRINGS = hostileStrings(
  'next\u0085line',
  'x'.repeat(254),
  // Valid emails at the edges.
  `${'a'.repeat(64)}@${'b'.repeat(63)}.example.com`,
  'ÜBER.ñandú@example.com',
);

export interface Hostile {
  value: string;
  /** Index and a readable start of the string, for findings. */
  label: string;
}

export const HOSTILE: Hostile[] = HOSTILE_STRINGS.map((value, index) => ({
  value,
  label: hostileLabel(value, index),
}));

/** Requests in flight at once (fetch keeps its connections alive between them). */
export const LANES = 24;
export const API = '/api/v1';
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
export const TEXT_FIELDS = ['name', 'nickname', 'ssoId', 'description'] as const;

/** Runs `work` over the items, LANES at a time; lane i handles its items one after another. */
export async function inLanes<T>(items: T[], work: (item: T, lane: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      while (next < items.length) {
        const item = items[next++];
        await work(item, lane);
      }
    }),
  );
}

/**
 * The strings, grouped so that strings with the same `key` (the same email or Single
 * Sign-On ID once trimmed and compared as the product compares them) run one after another
 * in one lane: whether one of them finds the value taken is then decided by the test, not
 * by which lane came first.
 */
export function collisionGroups(items: Hostile[], key: (value: string) => string | undefined) {
  const groups = new Map<string, Hostile[]>();
  const alone: Hostile[][] = [];
  for (const item of items) {
    const k = key(item.value);
    if (k === undefined) alone.push([item]);
    else groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups.values(), ...alone];
}

export const emailKey = (value: string) =>
  brokenRules('email', value).length === 0 ? value.trim().toLowerCase() : undefined;
export const ssoIdKey = (value: string) =>
  brokenRules('ssoId', value).length === 0 && value.trim() !== '' ? value.trim() : undefined;

/** What a suite sent and got back, for test-results/figures.jsonl. */
export class Figures {
  requests = 0;
  status5xx = 0;
  networkErrors = 0;
  readonly byStatus: Record<string, number> = {};

  count(status: number): void {
    this.requests += 1;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    if (status >= 500) this.status5xx += 1;
  }
}

/** Findings of one test: what went wrong, for which string. */
export class Findings {
  readonly list: string[] = [];

  add(label: string, what: string): void {
    this.list.push(`${label}: ${what}`);
  }

  /** Fails the test with the count and the first findings. */
  expectNone(): void {
    expect({ count: this.list.length, first: this.list.slice(0, 12) }).toEqual({
      count: 0,
      first: [],
    });
  }
}

/** Why an answer breaks the rules (2xx, or 4xx problem+json with an UPPER_SNAKE code), if it does. */
export function answerFault(response: {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}) {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  if (status < 400 || status >= 500) return `answered ${status}: ${response.text.slice(0, 300)}`;
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) return `answered ${status} as "${type}"`;
  const code: unknown = response.body?.code;
  if (typeof code !== 'string' || !CODE.test(code))
    return `answered ${status} with code ${JSON.stringify(code)}`;
  return undefined;
}

/** The one answer a case expects. */
export interface Expected {
  status: number;
  /** The problem's code. */
  code?: string;
  /** VALIDATION_FAILED: exactly these fields, each named once, with one of its codes. */
  fields?: Record<string, readonly string[]>;
  /** PASSWORD_POLICY: one error per rule broken, all naming the field. */
  policy?: { field: string; rules: string[] };
  /** Other problems: exactly these fields named. */
  named?: string[];
}

export const accepted = (status: number): Expected => ({ status });
export const invalid = (fields: Record<string, readonly string[]>): Expected => ({
  status: 400,
  code: 'VALIDATION_FAILED',
  fields,
});
export const problem = (status: number, code: string, named?: string[]): Expected => ({
  status,
  code,
  named,
});

/** Refused by the gateway's rules for these fields (each with the codes it breaks), if any. */
export function refusalOf(broken: Record<string, readonly string[]>): Expected | undefined {
  const fields = Object.fromEntries(Object.entries(broken).filter(([, codes]) => codes.length));
  return Object.keys(fields).length > 0 ? invalid(fields) : undefined;
}

/** A password the gateway reads: refused there, or by the default policy (422), or accepted. */
export function passwordExpectation(field: string, value: string, success: number): Expected {
  const broken = brokenPasswordRules(value);
  if (broken.length > 0) return invalid({ [field]: broken });
  const rules = policyViolations(value);
  if (rules.length > 0) return { status: 422, code: 'PASSWORD_POLICY', policy: { field, rules } };
  return accepted(success);
}

/** How an answer differs from the expected one, if it does. */
export function mismatch(response: ApiResponse, expected: Expected): string | undefined {
  const body = typeof response.body === 'object' && response.body !== null ? response.body : {};
  const errors: { field: string; code: string }[] = Array.isArray(body.errors) ? body.errors : [];
  const shown = errors.map((e) => `${e.field}:${e.code}`);
  const want = [
    expected.status,
    expected.code ?? '',
    expected.fields ? JSON.stringify(expected.fields) : '',
    expected.policy ? JSON.stringify(expected.policy) : '',
    expected.named ? JSON.stringify(expected.named) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const fault = `answered ${response.status} ${body.code ?? ''} ${JSON.stringify(shown)} ${
    body.detail ? JSON.stringify(String(body.detail).slice(0, 120)) : ''
  }, expected ${want}`;
  if (response.status !== expected.status) return fault;
  if (expected.code && body.code !== expected.code) return fault;
  if (expected.fields) {
    const fields = Object.keys(expected.fields).sort();
    const named = errors.map((e) => e.field).sort();
    if (
      JSON.stringify(named) !== JSON.stringify(fields) ||
      !errors.every((e) => expected.fields![e.field]?.includes(e.code))
    )
      return fault;
  }
  if (expected.policy) {
    const { field, rules } = expected.policy;
    const want = rules.map((rule) => `${field}:${rule}`).sort();
    if (JSON.stringify([...shown].sort()) !== JSON.stringify(want)) return fault;
  }
  if (expected.named) {
    const named = errors.map((e) => e.field).sort();
    if (JSON.stringify(named) !== JSON.stringify([...expected.named].sort())) return fault;
  }
  return undefined;
}

export const ok = (response: { status: number }) => response.status >= 200 && response.status < 300;

/**
 * Percent-encodes the string's UTF-8 for a URL (encodeURIComponent throws on a lone
 * surrogate; its UTF-8 is the replacement character, as any HTTP client would send it).
 */
export const urlEncode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

/** What a server reads of the string sent in a URL: its UTF-8 (a lone surrogate is U+FFFD). */
export const asSent = (value: string) => Buffer.from(value, 'utf8').toString('utf8');

/** The members whose values differ, for findings. */
export function differences(
  before: Record<string, unknown>,
  after: Record<string, unknown> | undefined,
) {
  if (!after) return 'it is gone';
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) =>
      `${key}: ${JSON.stringify(before[key])} -> ${JSON.stringify(after[key])}`.slice(0, 160),
    )
    .join('; ');
}

/** The value a technician field holds after it was sent as `value` (spec section 2 rules). */
export function storedTechnicianField(field: TextField, value: string, name: string): unknown {
  switch (field) {
    case 'nickname':
      return value.trim() || name;
    case 'ssoId':
      return value.trim() || null;
    default:
      return trimmed(field, value);
  }
}

/** A view without mustChangePassword, which only some answers carry. */
export function withoutMustChange(view: any): any {
  if (!view) return view;
  const { mustChangePassword: _, ...rest } = view;
  return rest;
}

/** The text fields among `fields` whose rules the string breaks, with the codes it breaks. */
export function brokenFields(
  fields: readonly TextField[],
  value: string,
): Record<string, string[]> {
  return Object.fromEntries(fields.map((field) => [field, brokenRules(field, value)]));
}
