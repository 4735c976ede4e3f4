import { appendFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What a service put on or took from the wire, as test/wire checks it against the AsyncAPI
 * document: a request it accepted (its payload passed validation), a reply it sent, an
 * event it published.
 */
export type WireRecord =
  | {
      kind: 'request';
      pattern: string;
      /** Sent by another team's service (not one of INTERNAL_BROKER_USERS). */
      external: boolean;
      body: unknown;
      headers: Record<string, unknown>;
      contentType?: string;
    }
  | { kind: 'reply'; pattern?: string; body: unknown; contentType?: string }
  | {
      kind: 'event';
      routingKey: string;
      body: unknown;
      headers: Record<string, unknown>;
      contentType?: string;
    };

/**
 * The contract test's recorder. Only a test run sets WIRE_RECORD_DIR (test-env.ts): it is
 * read here rather than among a service's settings because no installation ever sets it.
 * Each process appends JSON lines to a file of its own, at most PER_KIND records of each
 * kind, pattern and outcome (the suites send tens of thousands of the same request).
 */
const PER_KIND = 25;
const seen = new Map<string, number>();

export function recordWire(record: WireRecord, outcome = ''): void {
  const dir = process.env.WIRE_RECORD_DIR;
  if (!dir) return;
  const key = `${record.kind} ${record.kind === 'event' ? record.routingKey.replace(/^[^.]*\./, '') : record.pattern} ${outcome}`;
  const count = seen.get(key) ?? 0;
  if (count >= PER_KIND) return;
  seen.set(key, count + 1);
  try {
    appendFileSync(path.join(dir, `${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
  } catch {
    // A test aid: a full disk or a removed directory must not fail a message.
  }
}

/** An `authorization` header keeps its shape (`Bearer a.b.c`), never its signature. */
export function withoutCredential(headers: Record<string, unknown> = {}): Record<string, unknown> {
  const authorization = headers.authorization;
  if (typeof authorization !== 'string') return headers;
  const [header = '', payload = ''] = authorization.replace(/^Bearer /, '').split('.');
  return { ...headers, authorization: `Bearer ${header}.${payload}.redacted` };
}
