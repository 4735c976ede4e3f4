import { CSV_DELIMITERS } from '@app/contracts';
import {
  type ActorName,
  anyAdministrator,
  type EndpointRow,
  expectOutcome,
  type MatrixAnswer,
  type Outcome,
  masterOnly,
  matrixCells,
  wantedAnswer,
} from '../support/authorization-matrix';
import { API, itHasEveryCaller } from '../support/authorization-world';
import { recordFigures } from '../support/figures';
import {
  FINAL_STATUSES,
  importAuthorizationWorld,
  RUNNING_IMPORT_ROWS,
  templateGroupIds,
  unique,
  UUID,
} from '../support/import-authorization';
import { ImportRowsHold, uploadImport, waitForImport } from '../support/imports';

/**
 * The authorization matrix of the import endpoints (spec §1 and §3), in the style of
 * authorization-matrix-groups.e2e-spec.ts: the templates are for every administrator,
 * everything else about imports for Master Administrators only (403 FORBIDDEN for an
 * Administrator or a technician); another organization's import does not exist (404
 * IMPORT_NOT_FOUND); no token is 401 UNAUTHENTICATED. Tenancy, the templates' scope and
 * stale roles are in authorization-imports-scope.e2e-spec.ts.
 * The callers are in test/support/authorization-world.ts and import-authorization.ts, the
 * harness in test/support/authorization-matrix.ts.
 */

describe('Authorization matrix of the import endpoints', () => {
  /** The import service's row batches, held where a test needs rows still waiting. */
  let batches: ImportRowsHold;
  const world = importAuthorizationWorld('authzimportmatrix', {
    setUp: ({ stack }) => {
      batches = ImportRowsHold.open(stack);
    },
    tearDown: async ({ figures }) => {
      await batches?.close();
      if (figures.cells > 0) recordFigures({ suite: 'authorization-imports', ...figures });
    },
  });

  itHasEveryCaller(world);

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
      const response = await world.request('GET', route, token);
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
          const visible = await world.visibleGroupIds(actor);
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
      const { csv, emails } = world.importFile(world.groupA.id);
      const response = await world.upload(token, csv, { ...fields(actor), fileName });
      return {
        response,
        check: async (allowed) => {
          const dryRun = fields(actor).dryRun === true;
          if (!allowed) {
            // Refused: no import stored in the first organization, nobody created.
            expect(await world.firstOrgImportsNamed(fileName)).toEqual([]);
            expect(await world.accountsWithEmail(emails[0])).toEqual([]);
            if (actor === 'otherOrgMaster') {
              const theirs = await world.stack.api.get(`${API}/imports?limit=200`, token);
              expect(theirs.body.items.map((view: any) => view.fileName)).not.toContain(fileName);
            }
            return;
          }
          expect(response.headers.get('location')).toBe(`${API}/imports/${response.body.id}`);
          const view = await waitForImport(world.stack, token!, response.body.id);
          if (actor === 'master') {
            expect(view).toMatchObject({
              status: 'completed',
              dryRun,
              total: 1,
              succeeded: 1,
              failed: 0,
            });
            const created = await world.accountsWithEmail(emails[0]);
            expect(created).toHaveLength(dryRun ? 0 : 1);
            if (!dryRun) {
              const technician = await world.masterGet(`/technicians/${created[0].id}`);
              expect(technician.body.groupId).toBe(world.groupA.id);
            }
          } else {
            // Another organization's file naming group A: its row finds no such group.
            expect(view).toMatchObject({ status: 'completed', total: 1, succeeded: 0, failed: 1 });
            const items = await world.stack.api.get(
              `${API}/imports/${response.body.id}/items`,
              token,
            );
            expect(items.body.items[0].errors).toEqual([
              expect.objectContaining({ code: 'GROUP_NOT_FOUND' }),
            ]);
            expect(await world.accountsWithEmail(emails[0])).toEqual([]);
            expect(await world.firstOrgImportsNamed(fileName)).toEqual([]);
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
      const response = await world.request(
        'GET',
        `/imports/${world.firstOrgImport.id}${suffix}`,
        token,
      );
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
      () => ({ groupId: world.groupA.id }),
    ),
    uploadRow('POST /imports with dryRun=true', masterOnly(202, 202), () => ({ dryRun: true })),
    {
      endpoint: 'GET /imports',
      expected: masterOnly(200),
      call: async (token, actor) => {
        const response = await world.request('GET', '/imports?limit=200', token);
        return {
          response,
          check: (allowed) => {
            if (!allowed) return;
            const ids = response.body.items.map((view: any) => view.id);
            const [own, foreign] =
              actor === 'master'
                ? [world.firstOrgImport, world.otherOrgImport]
                : [world.otherOrgImport, world.firstOrgImport];
            expect(ids).toContain(own.id);
            expect(ids).not.toContain(foreign.id);
          },
        };
      },
    },
    readRow('GET /imports/:id', '', (response) => {
      expect(response.body).toMatchObject({ id: world.firstOrgImport.id, status: 'completed' });
    }),
    readRow('GET /imports/:id/items', '/items', (response) => {
      expect(response.body.items.map((item: any) => item.email)).toEqual(
        world.firstOrgImport.emails,
      );
    }),
    readRow('GET /imports/:id/report.csv', '/report.csv', (response) => {
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      for (const email of world.firstOrgImport.emails) expect(response.body).toContain(email);
    }),
    {
      endpoint: 'POST /imports/:id/cancel of a running import',
      expected: masterOnly('IMPORT_NOT_FOUND'),
      call: async (token) => {
        const { csv } = world.importFile(world.groupA.id, RUNNING_IMPORT_ROWS);
        // Its rows held (the queue paused) until the cancel has answered: rows still wait.
        await batches.hold();
        const accepted = await uploadImport(world.stack, world.asMaster(), csv);
        expect(accepted.status).toBe(202);
        const response = await world.request('POST', `/imports/${accepted.body.id}/cancel`, token);
        await batches.release();
        return {
          response,
          check: async (allowed) => {
            const view = await waitForImport(
              world.stack,
              world.asMaster(),
              accepted.body.id,
              240_000,
            );
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
      const { response, check } = await row.call(world.tokens[actor], actor);
      world.figures.cells += 1;
      world.figures.byStatus[response.status] = (world.figures.byStatus[response.status] ?? 0) + 1;
      const want = wantedAnswer(expected);
      if (response.status !== want.status || response.body?.code !== want.code) {
        world.figures.mismatches += 1;
      }

      expectOutcome(response, expected);
      await check?.(typeof expected === 'number');
    });
  });
});
