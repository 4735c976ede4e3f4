import { API, flatten } from '../../support/authorization-world';
import { createAdministrator, signInChangingPassword } from '../../support/fixtures';
import {
  type ImportAuthorizationWorld,
  RUNNING_IMPORT_ROWS,
} from '../../support/import-authorization';
import { templateGroupIds, unique, UUID } from '../../support/import-authorization';
import { ImportRowsHold, uploadImport, waitForImport } from '../../support/imports';
import { sharedSession } from '../../support/shared-session';

/**
 * Imports across organizations and scopes (spec §1 and §3): another organization's import
 * does not exist (404 IMPORT_NOT_FOUND), both ways; an Administrator's template never names
 * a group outside its scope; a Master Administrator who lost the role, or was disabled, can
 * no longer import. The matrix itself is in matrix.cases.ts.
 */

describe('Authorization of imports across organizations, scopes and stale roles', () => {
  const world = sharedSession<ImportAuthorizationWorld>();

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
        const response = await world.request(
          method,
          `/imports/${world.otherOrgImport.id}${suffix}`,
          world.asMaster(),
        );

        expect({ status: response.status, code: response.body?.code }).toEqual({
          status: 404,
          code: 'IMPORT_NOT_FOUND',
        });
        expect(response.text).not.toContain(world.otherOrgImport.emails[0]);
      },
    );

    it.each(probes)('$name of an import that never existed', async ({ method, suffix }) => {
      const response = await world.request(
        method,
        `/imports/00000000-0000-4000-8000-000000000000${suffix}`,
        world.asMaster(),
      );

      expect({ status: response.status, code: response.body?.code }).toEqual({
        status: 404,
        code: 'IMPORT_NOT_FOUND',
      });
    });

    it("answers the same for another organization's import as for one that never existed", async () => {
      const foreign = await world.request(
        'GET',
        `/imports/${world.firstOrgImport.id}`,
        world.tokens.otherOrgMaster,
      );
      const missing = await world.request(
        'GET',
        '/imports/00000000-0000-4000-8000-000000000000',
        world.tokens.otherOrgMaster,
      );

      // Identical but for `instance`, which echoes the requested path.
      const { instance: foreignPath, ...foreignProblem } = foreign.body;
      const { instance: missingPath, ...missingProblem } = missing.body;
      expect(foreignProblem).toEqual(missingProblem);
      expect(foreignPath).toBe(`${API}/imports/${world.firstOrgImport.id}`);
      expect(missingPath).toBe(`${API}/imports/00000000-0000-4000-8000-000000000000`);
      expect(foreign.status).toBe(404);
    });

    it("leaves the second organization's import as it was", async () => {
      const view = await world.stack.api.get(
        `${API}/imports/${world.otherOrgImport.id}`,
        world.tokens.otherOrgMaster,
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
      const admin = await createAdministrator(world.stack.api, world.asMaster(), { groupIds });
      return signInChangingPassword(world.stack.api, admin.email, admin.password);
    }

    /** Every group ID of both organizations (as their Master Administrators see them). */
    async function allGroupIds(): Promise<string[]> {
      const [first, second] = await Promise.all([
        world.masterGet('/groups'),
        world.stack.api.get(`${API}/groups`, world.tokens.otherOrgMaster),
      ]);
      return [...flatten(first.body.groups), ...flatten(second.body.groups)].map((g) => g.id);
    }

    it.each(templates)(
      '$name of the Administrator of the sub-group of A names that sub-group, never A (its parent), B or the other organization',
      async ({ route, format, delimiter }) => {
        const token = await administratorOf([world.childOfA.id]);

        const response = await world.request('GET', route, token);

        expect(response.status).toBe(200);
        expect(templateGroupIds(response.text, format, delimiter)).toEqual([
          world.childOfA.id,
          world.childOfA.id,
        ]);
        const outside = (await allGroupIds()).filter((id) => id !== world.childOfA.id);
        expect(outside).toEqual(
          expect.arrayContaining([world.groupA.id, world.groupB.id, world.otherGroup.id]),
        );
        for (const id of outside) expect(response.text).not.toContain(id);
      },
    );

    it.each(templates)(
      '$name of the Administrator of B names B only',
      async ({ route, format, delimiter }) => {
        const response = await world.request('GET', route, world.tokens.adminOutOfScope);

        expect(response.status).toBe(200);
        expect(templateGroupIds(response.text, format, delimiter)).toEqual([
          world.groupB.id,
          world.groupB.id,
        ]);
        for (const id of [world.groupA.id, world.childOfA.id, world.otherGroup.id]) {
          expect(response.text).not.toContain(id);
        }
      },
    );

    it.each(templates)(
      '$name of an Administrator without any group names no group at all',
      async ({ route, format, delimiter }) => {
        const token = await administratorOf([]);

        const response = await world.request('GET', route, token);

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
    /** The import service's row batches, held so that the import is still running when cancelled. */
    let batches: ImportRowsHold;
    beforeAll(() => {
      batches = ImportRowsHold.open(world.stack);
    });
    afterAll(() => batches?.close());

    beforeEach(async () => {
      const { csv } = world.importFile(world.groupA.id, RUNNING_IMPORT_ROWS);
      await batches.hold();
      const accepted = await uploadImport(world.stack, world.asMaster(), csv);
      expect(accepted.status).toBe(202);
      runningImportId = accepted.body.id;
    });

    afterEach(async () => {
      await batches.release();
      await waitForImport(world.stack, world.asMaster(), runningImportId, 240_000);
    });

    /** What became of a Master Administrator, and what its token gets since. */
    const FORMER_MASTERS = [
      {
        label: 'demoted to Administrator (its token still says master_admin)',
        change: (): Record<string, unknown> => ({ role: 'admin', groupIds: [world.groupA.id] }),
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
      const account = await createAdministrator(world.stack.api, world.asMaster(), {
        role: 'master_admin',
      });
      const token = await signInChangingPassword(world.stack.api, account.email, account.password);
      const patch = await world.stack.api.request('PATCH', `${API}/administrators/${account.id}`, {
        body: change,
        token: world.asMaster(),
      });
      expect(patch.status).toBe(200);
      return token;
    }

    it.each(FORMER_MASTERS)(
      'refuses POST /imports and POST /imports/:id/cancel of one $label',
      async ({ change, code, status }) => {
        const token = await formerMaster(change());
        const fileName = `${unique('stale')}.csv`;
        const { csv, emails } = world.importFile(world.groupA.id);

        const uploaded = await world.upload(token, csv, { fileName });
        const cancelled = await world.request('POST', `/imports/${runningImportId}/cancel`, token);
        await batches.release();

        expect({ status: uploaded.status, code: uploaded.body?.code }).toEqual({ status, code });
        expect({ status: cancelled.status, code: cancelled.body?.code }).toEqual({ status, code });
        expect(await world.firstOrgImportsNamed(fileName)).toEqual([]);
        expect(await world.accountsWithEmail(emails[0])).toEqual([]);
        const view = await waitForImport(world.stack, world.asMaster(), runningImportId, 240_000);
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
          ].map((path) => world.request('GET', path, token)),
        );

        for (const read of reads) {
          expect({ status: read.status, code: read.body?.code }).toEqual({ status, code });
        }
      },
    );
  });
});
