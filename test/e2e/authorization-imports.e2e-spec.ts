import { parse } from 'csv-parse/sync';
import { CSV_DELIMITERS, IMPORT_COLUMNS } from '@app/contracts';
import {
  ACTOR_ROLES,
  type ActorName,
  anyAdministrator,
  type EndpointRow,
  expectOutcome,
  type MatrixAnswer,
  type Outcome,
  masterOnly,
  matrixCells,
  type SignedInActor,
  wantedAnswer,
} from '../support/authorization-matrix';
import { queryDatabase } from '../support/databases';
import { recordFigures } from '../support/figures';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import {
  csvImportFile,
  type ImportFields,
  ImportRowsHold,
  sendImport,
  technicianRow,
  uploadImport,
  waitForImport,
} from '../support/imports';
import { createOrganization } from '../support/organizations';
import { Stack } from '../support/stack';

/**
 * The authorization matrix of the import endpoints (spec §1 and §3), in the style of
 * authorization-matrix.e2e-spec.ts: the templates are for every administrator, everything
 * else about imports for Master Administrators only (403 FORBIDDEN for an Administrator or a
 * technician); another organization's import does not exist (404 IMPORT_NOT_FOUND); no
 * token is 401 UNAUTHENTICATED. An Administrator's template never names a group outside
 * its scope.
 * The callers and the harness are in test/support/authorization-matrix.ts.
 */

const API = '/api/v1';
const FINAL_STATUSES = ['completed', 'failed', 'cancelled'];
/** Rows of an import meant to be still running when it is cancelled. */
const RUNNING_IMPORT_ROWS = 200;
let counter = 0;
const unique = (label: string) => `${label}-${++counter}-${Date.now().toString(36)}`;
/** A password that meets the default policy, different every time. */
const rowPassword = () => `Imp-${unique('pw')}-7Q`;

/** Signs in an account whose password an administrator set (changing it first). */
async function signIn(stack: Stack, email: string, password: string): Promise<string> {
  return signInChangingPassword(stack.api, email, password);
}

/** Every group of a tree answer, depth first. */
function flatten(groups: any[]): any[] {
  return groups.flatMap((group) => [group, ...flatten(group.children ?? [])]);
}

/** The Tech Group IDs a CSV or JSON template names, one per example row. */
function templateGroupIds(text: string, format: 'csv' | 'json', delimiter = ','): string[] {
  if (format === 'json') {
    const rows: Record<string, unknown>[] = JSON.parse(text);
    expect(rows).toHaveLength(2);
    rows.forEach((row) => expect(Object.keys(row)).toEqual([...IMPORT_COLUMNS]));
    return rows.map((row) => String(row['Tech Group ID']));
  }
  const table: string[][] = parse(text, { bom: true, delimiter });
  expect(table[0]).toEqual([...IMPORT_COLUMNS]);
  expect(table).toHaveLength(3);
  const column = IMPORT_COLUMNS.indexOf('Tech Group ID');
  return table.slice(1).map((cells) => cells[column]);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

describe('Authorization matrix of the import endpoints', () => {
  let stack: Stack;
  /** The import service's row batches, held where a test needs rows still waiting. */
  let batches: ImportRowsHold;
  const tokens = {} as Record<ActorName, string | undefined>;

  let groupA: any;
  let childOfA: any;
  let groupB: any;
  let otherOrg: { organizationId: string; administratorId: string };
  let otherGroup: any;
  /** A finished import of the first organization (two rows into A) and one of the second. */
  let firstOrgImport: { id: string; emails: string[] };
  let otherOrgImport: { id: string; emails: string[] };

  const figures = { cells: 0, requests: 0, mismatches: 0, byStatus: {} as Record<string, number> };
  const asMaster = () => tokens.master!;
  const masterGet = (route: string) => stack.api.get(`${API}${route}`, asMaster());

  /** POST /imports with the caller's token (or none at all), counted for the figures. */
  function upload(token: string | undefined, content: string, fields: ImportFields = {}) {
    figures.requests += 1;
    return sendImport(stack, token, content, fields);
  }

  function request(method: string, route: string, token: string | undefined) {
    figures.requests += 1;
    return stack.api.request(method, `${API}${route}`, { token });
  }

  /** A file of `count` valid rows into `groupId`, with the emails and passwords it holds. */
  function importFile(groupId: string, count = 1): { csv: string; emails: string[] } {
    const emails = Array.from({ length: count }, () => uniqueEmail('authz-import'));
    const csv = csvImportFile(
      emails.map((email) => technicianRow(groupId, { email, password: rowPassword() })),
    );
    return { csv, emails };
  }

  async function finishedImport(
    token: string,
    groupId: string,
    count: number,
  ): Promise<{ id: string; emails: string[] }> {
    const { csv, emails } = importFile(groupId, count);
    const accepted = await uploadImport(stack, token, csv);
    if (accepted.status !== 202) throw new Error(`upload answered ${accepted.status}`);
    const view = await waitForImport(stack, token, accepted.body.id);
    expect(view).toMatchObject({ status: 'completed', succeeded: count });
    return { id: accepted.body.id, emails };
  }

  /** Active accounts (technicians) with this email, in the whole system. */
  async function accountsWithEmail(
    email: string,
  ): Promise<{ id: string; organization_id: string }[]> {
    return queryDatabase(
      stack.env.databases.org,
      `SELECT id, organization_id FROM accounts WHERE email_normalized = $1 AND state = 'active'`,
      [email.toLowerCase()],
    );
  }

  /** Imports of the first organization with this file name, as its Master Administrator sees them. */
  async function firstOrgImportsNamed(fileName: string): Promise<any[]> {
    const list = await masterGet('/imports?limit=200');
    return list.body.items.filter((view: any) => view.fileName === fileName);
  }

  /** The group IDs a caller may see: a template may name these and no others. */
  async function visibleGroupIds(actor: SignedInActor): Promise<string[]> {
    const tree = await stack.api.get(`${API}/groups`, tokens[actor]);
    return flatten(tree.body.groups).map((group) => group.id);
  }

  beforeAll(async () => {
    stack = await Stack.start('authzimports');
    batches = ImportRowsHold.open(stack);
    tokens.master = await stack.adminToken();

    [groupA, groupB] = await Promise.all([
      createGroup(stack.api, asMaster(), { name: 'A' }),
      createGroup(stack.api, asMaster(), { name: 'B' }),
    ]);
    childOfA = await createGroup(stack.api, asMaster(), { name: 'A child', parentId: groupA.id });
    const [technician, adminOfA, adminOfB] = await Promise.all([
      createTechnician(stack.api, asMaster(), groupA.id),
      createAdministrator(stack.api, asMaster(), { groupIds: [groupA.id] }),
      createAdministrator(stack.api, asMaster(), { groupIds: [groupB.id] }),
    ]);
    const otherOrgEmail = uniqueEmail('other-master');
    otherOrg = await createOrganization(stack, unique('Other Org'), otherOrgEmail, GOOD_PASSWORD);

    [tokens.adminInScope, tokens.adminOutOfScope, tokens.technician, tokens.otherOrgMaster] =
      await Promise.all([
        signIn(stack, adminOfA.email, adminOfA.password),
        signIn(stack, adminOfB.email, adminOfB.password),
        signIn(stack, technician.email, technician.password),
        signIn(stack, otherOrgEmail, GOOD_PASSWORD),
      ]);
    tokens.noToken = undefined;

    otherGroup = await createGroup(stack.api, tokens.otherOrgMaster, { name: 'Other group' });
    [firstOrgImport, otherOrgImport] = await Promise.all([
      finishedImport(asMaster(), groupA.id, 2),
      finishedImport(tokens.otherOrgMaster, otherGroup.id, 2),
    ]);
  });

  afterAll(async () => {
    await batches?.close();
    if (figures.cells > 0) recordFigures({ suite: 'authorization-imports', ...figures });
    await stack?.stop();
  });

  it('has a full token for every caller, of the role and organization it is meant to have', async () => {
    const firstOrg = (await masterGet('/me')).body.organizationId;
    expect(otherOrg.organizationId).not.toBe(firstOrg);
    for (const [actor, role] of Object.entries(ACTOR_ROLES)) {
      const me = await stack.api.get(`${API}/me`, tokens[actor as ActorName]);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        role,
        mustChangePassword: false,
        organizationId: actor === 'otherOrgMaster' ? otherOrg.organizationId : firstOrg,
      });
    }
  });

  // ---------------------------------------------------------------------------------------
  // The matrix: one row per endpoint, one test per (endpoint, caller) cell.
  // ---------------------------------------------------------------------------------------

  /** A template row: 200 with two example rows naming a group the caller may see. */
  const templateRow = (
    endpoint: string,
    route: string,
    format: 'csv' | 'json',
    delimiter = ',',
  ): EndpointRow => ({
    endpoint,
    expected: anyAdministrator(),
    call: async (token, actor) => {
      const response = await request('GET', route, token);
      return {
        response,
        check: async (allowed) => {
          if (!allowed || actor === 'noToken') return;
          expect(response.headers.get('content-type')).toMatch(
            format === 'csv' ? /^text\/csv/ : /^application\/json/,
          );
          expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
          const text = typeof response.body === 'string' ? response.body : response.text;
          const named = templateGroupIds(text, format, delimiter);
          const visible = await visibleGroupIds(actor);
          expect(visible.length).toBeGreaterThan(0);
          for (const id of named) expect(visible).toContain(id);
          // No other UUID anywhere in the file (a group of another scope or organization).
          for (const id of text.match(UUID) ?? []) expect(visible).toContain(id);
        },
      };
    },
  });

  /** Uploads as the caller; `expectCreated` says where a created technician must be (if anywhere). */
  const uploadRow = (
    endpoint: string,
    expected: Record<ActorName, Outcome>,
    fields: (actor: ActorName) => { groupId?: string; dryRun?: boolean },
  ): EndpointRow => ({
    endpoint,
    expected,
    call: async (token, actor) => {
      const fileName = `${unique('authz')}.csv`;
      const { csv, emails } = importFile(groupA.id);
      const response = await upload(token, csv, { ...fields(actor), fileName });
      return {
        response,
        check: async (allowed) => {
          const dryRun = fields(actor).dryRun === true;
          if (!allowed) {
            // Refused: no import stored in the first organization, nobody created.
            expect(await firstOrgImportsNamed(fileName)).toEqual([]);
            expect(await accountsWithEmail(emails[0])).toEqual([]);
            if (actor === 'otherOrgMaster') {
              const theirs = await stack.api.get(`${API}/imports?limit=200`, token);
              expect(theirs.body.items.map((view: any) => view.fileName)).not.toContain(fileName);
            }
            return;
          }
          expect(response.headers.get('location')).toBe(`${API}/imports/${response.body.id}`);
          const view = await waitForImport(stack, token!, response.body.id);
          if (actor === 'master') {
            expect(view).toMatchObject({
              status: 'completed',
              dryRun,
              total: 1,
              succeeded: 1,
              failed: 0,
            });
            const created = await accountsWithEmail(emails[0]);
            expect(created).toHaveLength(dryRun ? 0 : 1);
            if (!dryRun) {
              const technician = await masterGet(`/technicians/${created[0].id}`);
              expect(technician.body.groupId).toBe(groupA.id);
            }
          } else {
            // Another organization's file naming group A: its row finds no such group.
            expect(view).toMatchObject({ status: 'completed', total: 1, succeeded: 0, failed: 1 });
            const items = await stack.api.get(`${API}/imports/${response.body.id}/items`, token);
            expect(items.body.items[0].errors).toEqual([
              expect.objectContaining({ code: 'GROUP_NOT_FOUND' }),
            ]);
            expect(await accountsWithEmail(emails[0])).toEqual([]);
            expect(await firstOrgImportsNamed(fileName)).toEqual([]);
          }
        },
      };
    },
  });

  /** A finished import of the first organization, read by the caller. */
  const readRow = (
    endpoint: string,
    suffix: string,
    check: (response: MatrixAnswer) => void,
  ): EndpointRow => ({
    endpoint,
    expected: masterOnly('IMPORT_NOT_FOUND'),
    call: async (token) => {
      const response = await request('GET', `/imports/${firstOrgImport.id}${suffix}`, token);
      return {
        response,
        check: (allowed) => {
          if (allowed) check(response);
        },
      };
    },
  });

  const rows: EndpointRow[] = [
    templateRow('GET /imports/template.csv', '/imports/template.csv', 'csv'),
    templateRow(
      'GET /imports/template.csv?delimiter=comma',
      '/imports/template.csv?delimiter=comma',
      'csv',
    ),
    templateRow(
      'GET /imports/template.csv?delimiter=semicolon',
      '/imports/template.csv?delimiter=semicolon',
      'csv',
      CSV_DELIMITERS.semicolon,
    ),
    templateRow(
      'GET /imports/template.csv?delimiter=tab',
      '/imports/template.csv?delimiter=tab',
      'csv',
      CSV_DELIMITERS.tab,
    ),
    templateRow('GET /imports/template.json', '/imports/template.json', 'json'),
    uploadRow('POST /imports of a file whose row names group A', masterOnly(202, 202), () => ({})),
    uploadRow(
      'POST /imports with the global groupId of group A',
      masterOnly('GROUP_NOT_FOUND', 202),
      () => ({ groupId: groupA.id }),
    ),
    uploadRow('POST /imports with dryRun=true', masterOnly(202, 202), () => ({ dryRun: true })),
    {
      endpoint: 'GET /imports',
      expected: masterOnly(200),
      call: async (token, actor) => {
        const response = await request('GET', '/imports?limit=200', token);
        return {
          response,
          check: (allowed) => {
            if (!allowed) return;
            const ids = response.body.items.map((view: any) => view.id);
            const [own, foreign] =
              actor === 'master'
                ? [firstOrgImport, otherOrgImport]
                : [otherOrgImport, firstOrgImport];
            expect(ids).toContain(own.id);
            expect(ids).not.toContain(foreign.id);
          },
        };
      },
    },
    readRow('GET /imports/:id', '', (response) => {
      expect(response.body).toMatchObject({ id: firstOrgImport.id, status: 'completed' });
    }),
    readRow('GET /imports/:id/items', '/items', (response) => {
      expect(response.body.items.map((item: any) => item.email)).toEqual(firstOrgImport.emails);
    }),
    readRow('GET /imports/:id/report.csv', '/report.csv', (response) => {
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      for (const email of firstOrgImport.emails) expect(response.body).toContain(email);
    }),
    {
      endpoint: 'POST /imports/:id/cancel of a running import',
      expected: masterOnly('IMPORT_NOT_FOUND'),
      call: async (token) => {
        const { csv } = importFile(groupA.id, RUNNING_IMPORT_ROWS);
        // Its rows held (the queue paused) until the cancel has answered: rows still wait.
        await batches.hold();
        const accepted = await uploadImport(stack, asMaster(), csv);
        expect(accepted.status).toBe(202);
        const response = await request('POST', `/imports/${accepted.body.id}/cancel`, token);
        await batches.release();
        return {
          response,
          check: async (allowed) => {
            const view = await waitForImport(stack, asMaster(), accepted.body.id, 240_000);
            expect(FINAL_STATUSES).toContain(view.status);
            if (allowed) {
              expect(view.status).toBe('cancelled');
            } else {
              expect(view).toMatchObject({
                status: 'completed',
                succeeded: RUNNING_IMPORT_ROWS,
                failed: 0,
              });
            }
          },
        };
      },
    },
  ];

  const cells = matrixCells(rows);

  describe('every import endpoint, every caller', () => {
    it.each(cells)('$endpoint by $caller answers $outcome', async ({ row, actor }) => {
      const expected = row.expected[actor];
      const { response, check } = await row.call(tokens[actor], actor);
      figures.cells += 1;
      figures.byStatus[response.status] = (figures.byStatus[response.status] ?? 0) + 1;
      const want = wantedAnswer(expected);
      if (response.status !== want.status || response.body?.code !== want.code) {
        figures.mismatches += 1;
      }

      expectOutcome(response, expected);
      await check?.(typeof expected === 'number');
    });
  });

  // ---------------------------------------------------------------------------------------
  // Tenancy: imports of one organization do not exist for the other, both ways.
  // ---------------------------------------------------------------------------------------

  describe("another organization's import is 404 IMPORT_NOT_FOUND, both ways", () => {
    const probes = [
      { name: 'GET /imports/:id', method: 'GET', suffix: '' },
      { name: 'GET /imports/:id/items', method: 'GET', suffix: '/items' },
      {
        name: 'GET /imports/:id/items?status=failed',
        method: 'GET',
        suffix: '/items?status=failed',
      },
      { name: 'GET /imports/:id/report.csv', method: 'GET', suffix: '/report.csv' },
      { name: 'POST /imports/:id/cancel', method: 'POST', suffix: '/cancel' },
    ];

    it.each(probes)(
      "$name of the second organization's import by the first one's Master Administrator",
      async ({ method, suffix }) => {
        const response = await request(
          method,
          `/imports/${otherOrgImport.id}${suffix}`,
          asMaster(),
        );

        expect({ status: response.status, code: response.body?.code }).toEqual({
          status: 404,
          code: 'IMPORT_NOT_FOUND',
        });
        expect(response.text).not.toContain(otherOrgImport.emails[0]);
      },
    );

    it.each(probes)('$name of an import that never existed', async ({ method, suffix }) => {
      const response = await request(
        method,
        `/imports/00000000-0000-4000-8000-000000000000${suffix}`,
        asMaster(),
      );

      expect({ status: response.status, code: response.body?.code }).toEqual({
        status: 404,
        code: 'IMPORT_NOT_FOUND',
      });
    });

    it("answers the same for another organization's import as for one that never existed", async () => {
      const foreign = await request('GET', `/imports/${firstOrgImport.id}`, tokens.otherOrgMaster);
      const missing = await request(
        'GET',
        '/imports/00000000-0000-4000-8000-000000000000',
        tokens.otherOrgMaster,
      );

      // Identical but for `instance`, which echoes the requested path.
      const { instance: foreignPath, ...foreignProblem } = foreign.body;
      const { instance: missingPath, ...missingProblem } = missing.body;
      expect(foreignProblem).toEqual(missingProblem);
      expect(foreignPath).toBe(`${API}/imports/${firstOrgImport.id}`);
      expect(missingPath).toBe(`${API}/imports/00000000-0000-4000-8000-000000000000`);
      expect(foreign.status).toBe(404);
    });

    it("leaves the second organization's import as it was", async () => {
      const view = await stack.api.get(
        `${API}/imports/${otherOrgImport.id}`,
        tokens.otherOrgMaster,
      );
      expect(view.body).toMatchObject({ status: 'completed', succeeded: 2, failed: 0 });
    });
  });

  // ---------------------------------------------------------------------------------------
  // The templates of an Administrator name its own groups only.
  // ---------------------------------------------------------------------------------------

  describe("an Administrator's template never names a group outside its scope", () => {
    const templates = [
      { name: 'template.csv', route: '/imports/template.csv', format: 'csv', delimiter: ',' },
      {
        name: 'template.csv?delimiter=semicolon',
        route: '/imports/template.csv?delimiter=semicolon',
        format: 'csv',
        delimiter: ';',
      },
      {
        name: 'template.csv?delimiter=tab',
        route: '/imports/template.csv?delimiter=tab',
        format: 'csv',
        delimiter: '\t',
      },
      { name: 'template.json', route: '/imports/template.json', format: 'json', delimiter: ',' },
    ] as const;

    /** Signs in a fresh Administrator of these groups. */
    async function administratorOf(groupIds: string[]): Promise<string> {
      const admin = await createAdministrator(stack.api, asMaster(), { groupIds });
      return signIn(stack, admin.email, admin.password);
    }

    /** Every group ID of both organizations (as their Master Administrators see them). */
    async function allGroupIds(): Promise<string[]> {
      const [first, second] = await Promise.all([
        masterGet('/groups'),
        stack.api.get(`${API}/groups`, tokens.otherOrgMaster),
      ]);
      return [...flatten(first.body.groups), ...flatten(second.body.groups)].map((g) => g.id);
    }

    it.each(templates)(
      '$name of the Administrator of the sub-group of A names that sub-group, never A (its parent), B or the other organization',
      async ({ route, format, delimiter }) => {
        const token = await administratorOf([childOfA.id]);

        const response = await request('GET', route, token);

        expect(response.status).toBe(200);
        expect(templateGroupIds(response.text, format, delimiter)).toEqual([
          childOfA.id,
          childOfA.id,
        ]);
        const outside = (await allGroupIds()).filter((id) => id !== childOfA.id);
        expect(outside).toEqual(expect.arrayContaining([groupA.id, groupB.id, otherGroup.id]));
        for (const id of outside) expect(response.text).not.toContain(id);
      },
    );

    it.each(templates)(
      '$name of the Administrator of B names B only',
      async ({ route, format, delimiter }) => {
        const response = await request('GET', route, tokens.adminOutOfScope);

        expect(response.status).toBe(200);
        expect(templateGroupIds(response.text, format, delimiter)).toEqual([groupB.id, groupB.id]);
        for (const id of [groupA.id, childOfA.id, otherGroup.id]) {
          expect(response.text).not.toContain(id);
        }
      },
    );

    it.each(templates)(
      '$name of an Administrator without any group names no group at all',
      async ({ route, format, delimiter }) => {
        const token = await administratorOf([]);

        const response = await request('GET', route, token);

        expect(response.status).toBe(200);
        expect(templateGroupIds(response.text, format, delimiter)).toEqual(['', '']);
        expect(response.text.match(UUID)).toBeNull();
      },
    );
  });

  // ---------------------------------------------------------------------------------------
  // A token's role may be stale: uploading and cancelling ask org who the caller is now.
  // ---------------------------------------------------------------------------------------

  describe('a Master Administrator who lost the role, or was disabled, can no longer import', () => {
    let runningImportId: string;

    beforeEach(async () => {
      const { csv } = importFile(groupA.id, RUNNING_IMPORT_ROWS);
      const accepted = await uploadImport(stack, asMaster(), csv);
      expect(accepted.status).toBe(202);
      runningImportId = accepted.body.id;
    });

    afterEach(async () => {
      await waitForImport(stack, asMaster(), runningImportId, 240_000);
    });

    /** What became of a Master Administrator, and what its token gets since. */
    const FORMER_MASTERS = [
      {
        label: 'demoted to Administrator (its token still says master_admin)',
        change: (): Record<string, unknown> => ({ role: 'admin', groupIds: [groupA.id] }),
        code: 'FORBIDDEN',
        status: 403,
      },
      {
        label: 'disabled',
        change: (): Record<string, unknown> => ({ enabled: false }),
        code: 'UNAUTHENTICATED',
        status: 401,
      },
    ];

    async function formerMaster(change: Record<string, unknown>): Promise<string> {
      const account = await createAdministrator(stack.api, asMaster(), { role: 'master_admin' });
      const token = await signIn(stack, account.email, account.password);
      const patch = await stack.api.request('PATCH', `${API}/administrators/${account.id}`, {
        body: change,
        token: asMaster(),
      });
      expect(patch.status).toBe(200);
      return token;
    }

    it.each(FORMER_MASTERS)(
      'refuses POST /imports and POST /imports/:id/cancel of one $label',
      async ({ change, code, status }) => {
        const token = await formerMaster(change());
        const fileName = `${unique('stale')}.csv`;
        const { csv, emails } = importFile(groupA.id);

        const uploaded = await upload(token, csv, { fileName });
        const cancelled = await request('POST', `/imports/${runningImportId}/cancel`, token);

        expect({ status: uploaded.status, code: uploaded.body?.code }).toEqual({ status, code });
        expect({ status: cancelled.status, code: cancelled.body?.code }).toEqual({ status, code });
        expect(await firstOrgImportsNamed(fileName)).toEqual([]);
        expect(await accountsWithEmail(emails[0])).toEqual([]);
        const view = await waitForImport(stack, asMaster(), runningImportId, 240_000);
        expect(view).toMatchObject({ status: 'completed', failed: 0 });
      },
    );

    it.each(FORMER_MASTERS)(
      'refuses every read of imports (list, one, its items, its report) to one $label',
      async ({ change, code, status }) => {
        const token = await formerMaster(change());

        const reads = await Promise.all(
          [
            '/imports',
            `/imports/${runningImportId}`,
            `/imports/${runningImportId}/items`,
            `/imports/${runningImportId}/report.csv`,
          ].map((path) => request('GET', path, token)),
        );

        for (const read of reads) {
          expect({ status: read.status, code: read.body?.code }).toEqual({ status, code });
        }
      },
    );
  });
});
