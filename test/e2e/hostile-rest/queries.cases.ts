import { randomUUID } from 'node:crypto';
import { isISO8601, isUUID } from 'class-validator';
import { brokenSearchRules, wellFormed } from '../../support/field-rules';
import { uniqueEmail } from '../../support/fixtures';
import {
  accepted,
  API,
  asSent,
  Findings,
  HOSTILE,
  inLanes,
  invalid,
  ok,
  problem,
  refusalOf,
  urlEncode,
} from '../../support/hostile-answers';
import { HostileRest } from '../../support/hostile-rest';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../../support/imports';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';

/** A limit is a whole number of 1 to 200, as Number() reads the parameter. */
const isLimit = (value: string) => {
  const limit = Number(value);
  return Number.isInteger(limit) && limit >= 1 && limit <= 200;
};

/** What each part of a list's cursor holds. */
type CursorPart = 'text' | 'uuid' | 'timestamp' | 'integer';
const CURSOR_PART: Record<CursorPart, (value: string) => boolean> = {
  text: (value) => value.length <= 1024 && wellFormed(value) && !value.includes('\u0000'),
  uuid: (value) => isUUID(value),
  timestamp: (value) => isISO8601(value, { strict: true }) && !Number.isNaN(Date.parse(value)),
  integer: (value) => /^\d{1,9}$/.test(value),
};

/** A cursor this list could have written: base64url (at most 512 characters) JSON of its parts. */
function isCursorOf(value: string, parts: CursorPart[]): boolean {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(value)) return false;
  try {
    const values: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    return (
      Array.isArray(values) &&
      values.length === parts.length &&
      values.every((v, i) => typeof v === 'string' && CURSOR_PART[parts[i]](v))
    );
  } catch {
    return false;
  }
}

/**
 * Hostile input through the REST API (issue 6): the query parameters of the lists (a search,
 * limit, cursor) and the ids in paths, for every hostile string (test/support/hostile-rest.ts
 * says what each answer must be).
 */
const hostile = sharedSession<HostileRest>();
const { call } = hostile;
let stack: Stack, token: string, home: { id: string };
beforeAll(() => ({ stack, token, home } = hostile));

describe('GET /technicians?q=', () => {
  it('answers every hostile search as the rules say (400 naming q, else 200 with only technicians that match it)', async () => {
    const findings = new Findings();
    await inLanes(HOSTILE, async ({ value, label }) => {
      // What the gateway reads: the string's UTF-8 (a lone surrogate arrives as U+FFFD).
      const q = asSent(value);
      const response = await call(
        findings,
        label,
        'GET',
        `${API}/technicians?q=${urlEncode(value)}&limit=200`,
        { expected: refusalOf({ q: brokenSearchRules(q) }) ?? accepted(200) },
      );
      if (!response || !ok(response)) return;
      const lower = q.toLowerCase();
      const strays = (response.body.items as { name: string; email: string }[]).filter(
        (t) => !t.name.toLowerCase().includes(lower) && !t.email.toLowerCase().includes(lower),
      );
      if (strays.length > 0)
        findings.add(label, `found ${strays.length} technicians that do not match`);
    });
    findings.expectNone();
  });
});

describe('GET /groups/search?q=', () => {
  it('answers every hostile search as the rules say (400 naming q, else 200 with only groups whose name has it)', async () => {
    const findings = new Findings();
    await inLanes(HOSTILE, async ({ value, label }) => {
      const q = asSent(value);
      const response = await call(
        findings,
        label,
        'GET',
        `${API}/groups/search?q=${urlEncode(value)}&limit=200`,
        // A group's name is at most 128 characters: so is a search for one.
        { expected: refusalOf({ q: brokenSearchRules(q, true) }) ?? accepted(200) },
      );
      if (!response || !ok(response)) return;
      const strays = (response.body.items as { name: string }[]).filter(
        (g) => !g.name.toLowerCase().includes(q.toLowerCase()),
      );
      if (strays.length > 0) findings.add(label, `found ${strays.length} groups that do not match`);
    });
    findings.expectNone();
  });
});

describe('limit and cursor query parameters of the lists', () => {
  let lists: Record<string, { path: string; parts: CursorPart[] }>;

  beforeAll(async () => {
    const upload = await uploadImport(
      stack,
      token,
      csvImportFile([
        technicianRow(home.id, { email: uniqueEmail('listed'), password: 'Imp-Pace-51' }),
      ]),
    );
    expect(upload.status).toBe(202);
    await waitForImport(stack, token, upload.body.id);
    lists = {
      'GET /technicians': { path: `${API}/technicians`, parts: ['text', 'uuid'] },
      'GET /groups/:id/technicians': {
        path: `${API}/groups/${home.id}/technicians`,
        parts: ['text', 'uuid'],
      },
      'GET /administrators': { path: `${API}/administrators`, parts: ['text', 'uuid'] },
      'GET /imports': { path: `${API}/imports`, parts: ['timestamp', 'uuid'] },
      'GET /imports/:id/items': {
        path: `${API}/imports/${upload.body.id}/items`,
        parts: ['integer'],
      },
    };
  });

  const base64url = (values: string[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

  /**
   * Both parameters in one request: the gateway names every parameter it refuses at once,
   * so the answer says for each whether it was taken. A cursor the gateway lets through
   * must be one of this list's own, else its service refuses it.
   */
  it('answers every hostile string as limit and as cursor, sent as it is, naming exactly the parameters it is not', async () => {
    const findings = new Findings();
    await inLanes(HOSTILE, async ({ value, label }) => {
      const read = asSent(value);
      for (const { path: list, parts } of Object.values(lists)) {
        const gateway = refusalOf({
          limit: isLimit(read) ? [] : ['INVALID'],
          cursor: /^[A-Za-z0-9_-]{1,512}$/.test(read) ? [] : ['INVALID'],
        });
        const service = isCursorOf(read, parts) ? undefined : invalid({ cursor: ['INVALID'] });
        await call(
          findings,
          label,
          'GET',
          `${list}?limit=${urlEncode(value)}&cursor=${urlEncode(value)}`,
          { expected: gateway ?? service ?? accepted(200) },
        );
      }
    });
    findings.expectNone();
  });

  /**
   * A cursor is base64url JSON that a client can write too: hostile strings inside a
   * well-formed one, as the sort key and as the id. A sample (each such request that
   * fails costs the service several redeliveries).
   */
  const CURSOR_SAMPLE = HOSTILE.filter((_, index) => index % 100 === 0).concat(
    HOSTILE.filter(({ value }) => value === 'nul\u0000inside'),
  );

  it.each([
    'GET /technicians',
    'GET /groups/:id/technicians',
    'GET /administrators',
    'GET /imports',
    'GET /imports/:id/items',
  ])(
    '%s answers well-formed cursors holding hostile strings with 200 when they are its own kind, else 400 naming cursor',
    async (name) => {
      const { path: list, parts } = lists[name];
      const findings = new Findings();
      const cases = CURSOR_SAMPLE.flatMap(({ value, label }) =>
        (parts.length === 1
          ? [[value]]
          : [
              [value, value],
              [value, randomUUID()],
            ]
        ).map((cursor) => ({ label, cursor: base64url(cursor) })),
      );
      await inLanes(cases, async ({ label, cursor }) => {
        await call(findings, `${label} in a cursor`, 'GET', `${list}?cursor=${cursor}`, {
          expected: isCursorOf(cursor, parts) ? accepted(200) : invalid({ cursor: ['INVALID'] }),
        });
      });
      findings.expectNone();
    },
  );
});

describe('path ids', () => {
  const NOT_FOUND: Record<string, string> = {
    groups: 'GROUP_NOT_FOUND',
    technicians: 'TECHNICIAN_NOT_FOUND',
    imports: 'IMPORT_NOT_FOUND',
  };

  it.each(['groups', 'technicians', 'imports'])(
    'answers GET /%s/<hostile id> with 400 naming id (a UUID: 404; no id: the list)',
    async (resource) => {
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }) => {
        const url = `${API}/${resource}/${urlEncode(value)}`;
        // What the server gets: the URL with its dot segments resolved, as fetch sends it.
        const { pathname } = new URL(url, stack.api.baseUrl);
        const segments = pathname.split('/').slice(1);
        const id = decodeURIComponent(segments[3] ?? '');
        const expected =
          segments.length === 3 && segments[2] !== resource
            ? problem(404, 'ROUTE_NOT_FOUND')
            : id === ''
              ? accepted(200)
              : resource === 'imports' && ['template.csv', 'template.json'].includes(id)
                ? accepted(200)
                : isUUID(id)
                  ? problem(404, NOT_FOUND[resource])
                  : invalid({ id: ['INVALID_UUID'] });
        await call(findings, label, 'GET', url, { expected });
      });
      findings.expectNone();
    },
  );
});
