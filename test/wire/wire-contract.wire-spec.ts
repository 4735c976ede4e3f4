import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isEmail } from 'class-validator';
import { EMAIL_VALIDATION_OPTIONS } from '@app/contracts';
import type { WireRecord } from '../../libs/platform/src/messaging/wire-record';
import { WIRE_RECORD_DIR } from '../support/wire-records';

/**
 * The AsyncAPI document against the wire: every request the services accepted, every reply
 * they sent and every event they published while the int and e2e suites ran (recorded by
 * libs/platform wire-record.ts) must match the document's own schemas, so that the document
 * cannot drift from what a client of another team receives. Run after those suites (npm test).
 */
const DOCUMENT = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../docs/asyncapi.json'), 'utf8'),
) as { components: { messages: Record<string, { headers?: object; payload?: object }> } };

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// RFC 6531 addresses, as the services check them (ajv-formats knows only ASCII `email`).
ajv.addFormat('idn-email', (value: string) => isEmail(value, EMAIL_VALIDATION_OPTIONS));
ajv.addSchema({ $id: 'asyncapi', components: DOCUMENT.components });

const compiled = new Map<string, ValidateFunction | undefined>();
function schemaOf(message: string, part: 'payload' | 'headers'): ValidateFunction | undefined {
  const key = `${message}/${part}`;
  if (!compiled.has(key)) {
    const defined = DOCUMENT.components.messages[message]?.[part] !== undefined;
    compiled.set(
      key,
      defined
        ? ajv.compile({ $ref: `asyncapi#/components/messages/${message}/${part}` })
        : undefined,
    );
  }
  return compiled.get(key);
}

function readRecords(): WireRecord[] {
  if (!existsSync(WIRE_RECORD_DIR)) return [];
  return readdirSync(WIRE_RECORD_DIR)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(path.join(WIRE_RECORD_DIR, file), 'utf8').split('\n'))
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as WireRecord);
}

/** What is wrong with one record against the document (empty when it matches). */
function problemsOf(record: WireRecord): string[] {
  const problems: string[] = [];
  const check = (message: string, part: 'payload' | 'headers', value: unknown) => {
    const validate = schemaOf(message, part);
    if (!validate) {
      problems.push(`the document has no ${part} for ${message}`);
    } else if (!validate(value)) {
      problems.push(
        ...(validate.errors ?? []).map(
          (e) => `${message} ${part}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`,
        ),
      );
    }
  };
  if (record.kind === 'request') {
    check(record.pattern, 'payload', record.body);
    // Our own services state `actor` and send no authorization: the headers are a client's.
    if (record.external && DOCUMENT.components.messages[record.pattern]?.headers) {
      check(record.pattern, 'headers', record.headers);
    }
  } else if (record.kind === 'reply') {
    const body = record.body as { err?: unknown };
    if (body.err !== undefined || !record.pattern) check('error', 'payload', record.body);
    else check(`${record.pattern}.reply`, 'payload', record.body);
    if (record.contentType !== 'application/json') {
      problems.push(`a reply to ${record.pattern} has content_type ${record.contentType}`);
    }
  } else {
    const type = String(record.headers['cloudEvents:type']);
    check(type, 'headers', record.headers);
    check(type, 'payload', record.body);
    const expectedKey = `${String(record.headers['cloudEvents:organizationid'])}.${type}`;
    if (record.routingKey !== expectedKey) {
      problems.push(`${type} routed by ${record.routingKey}, not ${expectedKey}`);
    }
    if (record.contentType !== 'application/json') {
      problems.push(`${type} has content_type ${record.contentType}`);
    }
  }
  return problems;
}

describe('the AsyncAPI document matches the wire (messages of this run of the int and e2e suites)', () => {
  const records = readRecords();

  it('has messages of every kind to check (run the int and e2e suites first: npm test)', () => {
    const kinds = new Set(records.map((record) => record.kind));
    expect([...kinds].sort()).toEqual(['event', 'reply', 'request']);
    expect(records.some((r) => r.kind === 'request' && r.external)).toBe(true);
  });

  it.each(['request', 'reply', 'event'] as const)('every %s matches its schema', (kind) => {
    const mismatches = new Map<string, string[]>();
    for (const record of records.filter((r) => r.kind === kind)) {
      const problems = problemsOf(record);
      if (problems.length === 0) continue;
      const name = record.kind === 'event' ? record.routingKey : String(record.pattern);
      // The first record of each kind of mismatch, with what it was: enough to fix the document.
      for (const problem of problems) {
        if (!mismatches.has(problem)) {
          mismatches.set(problem, [name, JSON.stringify(record).slice(0, 600)]);
        }
      }
    }
    expect(Object.fromEntries(mismatches)).toEqual({});
  });
});
