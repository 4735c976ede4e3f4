import { createAdministrator, createTechnician, signInChangingPassword } from '../support/fixtures';
import { csvFile, type FileRow, fileRow } from '../support/import-files';
import { importRowsSession } from '../support/import-session';
import { expectProblem } from '../support/problems';

/**
 * Imports through the gateway (spec sections 3 and 4): dry runs, and who may reach an
 * import. What becomes of each row, paging and the report are in
 * imports-rows-lines.e2e-spec.ts, cancel in imports-rows-cancel.e2e-spec.ts; file formats
 * and file-level errors in imports-files-*.e2e-spec.ts.
 */

describe('Imports: dry runs and access (as the bootstrap Master Administrator)', () => {
  const session = importRowsSession('imports-dryruns');
  const { upload, accepted, finished, items, techniciansMatching, login } = session;

  describe('a dry run (dryRun=true)', () => {
    const wouldCreate = [fileRow(), fileRow({ nickname: 'Dry' })];
    let rows: FileRow[];
    let file: string;
    let upload: any;
    let view: any;
    let dry: any[];

    beforeAll(async () => {
      wouldCreate[0].groupId = session.groupA.id;
      wouldCreate[1].groupId = session.groupB.id;
      rows = [
        wouldCreate[0],
        fileRow({ email: session.existing.email, groupId: session.groupA.id }),
        wouldCreate[1],
        fileRow({ password: 'Password1!', groupId: session.groupA.id }),
        fileRow({ ssoId: session.existing.ssoId, groupId: session.groupB.id }),
        fileRow({ groupId: session.otherOrg.groupId }),
      ];
      file = csvFile(rows);
      upload = await accepted(file, { dryRun: true });
      view = await finished(upload.id);
      dry = await items(upload.id);
    });

    it('has dryRun true and counts what would have happened', () => {
      expect(upload.dryRun).toBe(true);
      expect(view).toMatchObject({
        status: 'completed',
        dryRun: true,
        total: 6,
        processed: 6,
        succeeded: 2,
        failed: 4,
      });
    });

    it('says which rows would be created (without a technicianId) and why the others would fail, against live data', () => {
      const summary = dry.map((item) => ({
        row: item.row,
        status: item.status,
        technicianId: item.technicianId,
        codes: item.errors.map((error: { code: string }) => error.code),
      }));
      expect(summary).toEqual([
        { row: 1, status: 'succeeded', technicianId: null, codes: [] },
        {
          row: 2,
          status: 'failed',
          technicianId: null,
          codes: expect.arrayContaining(['EMAIL_TAKEN']),
        },
        { row: 3, status: 'succeeded', technicianId: null, codes: [] },
        {
          row: 4,
          status: 'failed',
          technicianId: null,
          codes: expect.arrayContaining(['PASSWORD_POLICY']),
        },
        {
          row: 5,
          status: 'failed',
          technicianId: null,
          codes: expect.arrayContaining(['SSO_ID_TAKEN']),
        },
        {
          row: 6,
          status: 'failed',
          technicianId: null,
          codes: expect.arrayContaining(['GROUP_NOT_FOUND']),
        },
      ]);
    });

    it('creates nothing: no technician has those emails and they cannot sign in', async () => {
      for (const row of wouldCreate) {
        expect(await techniciansMatching(row.email)).toEqual([]);
        expectProblem(await login(row.email, row.password), 401, 'INVALID_CREDENTIALS');
      }
    });

    it('reserves nothing: the same file imported for real creates what the dry run said it would', async () => {
      const real = await finished((await accepted(file)).id);
      expect(real).toMatchObject({ status: 'completed', dryRun: false, succeeded: 2, failed: 4 });
      for (const row of wouldCreate) expect(await techniciansMatching(row.email)).toHaveLength(1);
    });
  });

  describe('who may reach an import', () => {
    let importId: string;

    beforeAll(async () => {
      importId = (await accepted(csvFile([fileRow({ groupId: session.groupA.id })]))).id;
      await finished(importId);
    });

    it('answers an Administrator with 403 FORBIDDEN on POST /imports, GET /imports and GET /imports/:id', async () => {
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [session.groupA.id],
      });
      const adminToken = await signInChangingPassword(
        session.stack.api,
        admin.email,
        admin.password,
      );
      const before = (await session.stack.api.get('/api/v1/imports?limit=200', session.token)).body
        .items;

      const file = csvFile([fileRow({ groupId: session.groupA.id })]);
      expectProblem(await upload(file, { token: adminToken }), 403, 'FORBIDDEN');
      expectProblem(await session.stack.api.get('/api/v1/imports', adminToken), 403, 'FORBIDDEN');
      expectProblem(
        await session.stack.api.get(`/api/v1/imports/${importId}`, adminToken),
        403,
        'FORBIDDEN',
      );
      expect(
        (await session.stack.api.get('/api/v1/imports?limit=200', session.token)).body.items,
      ).toEqual(before);
      // Administrators may read the templates, though.
      expect((await session.stack.api.get('/api/v1/imports/template.csv', adminToken)).status).toBe(
        200,
      );
    });

    it('answers a technician with 403 FORBIDDEN and a caller without a session.token with 401', async () => {
      const technician = await createTechnician(
        session.stack.api,
        session.token,
        session.groupA.id,
      );
      const technicianToken = await signInChangingPassword(
        session.stack.api,
        technician.email,
        technician.password,
      );
      const file = csvFile([fileRow({ groupId: session.groupA.id })]);
      expectProblem(await upload(file, { token: technicianToken }), 403, 'FORBIDDEN');
      expectProblem(
        await session.stack.api.get(`/api/v1/imports/${importId}`),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('answers a global groupId of another organization with 404 GROUP_NOT_FOUND at upload, storing nothing', async () => {
      const before = (await session.stack.api.get('/api/v1/imports?limit=200', session.token)).body
        .items;
      const file = csvFile([fileRow({ groupId: session.groupA.id })]);

      expectProblem(
        await upload(file, { groupId: session.otherOrg.groupId }),
        404,
        'GROUP_NOT_FOUND',
      );
      expect(
        (await session.stack.api.get('/api/v1/imports?limit=200', session.token)).body.items,
      ).toEqual(before);
    });

    it("answers the Master Administrator of another organization with 404 IMPORT_NOT_FOUND for this one's import", async () => {
      const other = session.otherOrg.token;
      for (const path of ['', '/items', '/report.csv']) {
        const response = await session.stack.api.get(`/api/v1/imports/${importId}${path}`, other);
        expectProblem(response, 404, 'IMPORT_NOT_FOUND');
      }
      expectProblem(
        await session.stack.api.post(`/api/v1/imports/${importId}/cancel`, {}, other),
        404,
        'IMPORT_NOT_FOUND',
      );
      const theirs = await session.stack.api.get('/api/v1/imports?limit=200', other);
      expect(theirs.status).toBe(200);
      expect(theirs.body.items.map((view: { id: string }) => view.id)).not.toContain(importId);
    });
  });
});
