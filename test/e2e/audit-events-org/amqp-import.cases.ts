import { OrgPatterns } from '@app/contracts';
import type { AuditSession } from '../audit-events-org.e2e-spec';
import { createGroup, createTechnician, uniqueEmail } from '../../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../../support/imports';
import { sharedSession } from '../../support/shared-session';

describe('Audit events of org: changes over AMQP by another team, and by an import row', () => {
  const audit = sharedSession<AuditSession>();
  const api = () => audit.session.stack.api;
  const token = () => audit.session.token;

  it("names another team's broker user as the origin of a change it sent for an administrator", async () => {
    const { log, session, asOtherService } = audit;
    const group = await createGroup(api(), token(), { name: 'Audit AMQP' });
    const tech = await createTechnician(api(), token(), group.id, { name: 'Amy Amqp' });
    const reply = await asOtherService(
      session.orgQueue,
      OrgPatterns.technicianUpdate,
      { actor: session.master, technicianId: tech.id, enabled: false },
      token(),
    );
    expect(reply.err).toBeUndefined();
    const updated = await log.next('org.technician.updated.v1', `technicians/${tech.id}`);
    expect(updated).toMatchObject({
      principal: `accounts/${session.master.accountId}`,
      channel: 'amqp',
      origin: expect.stringMatching(/-team-principals$/),
    });
    expect(updated.data).toMatchObject({
      target: { type: 'technician', id: tech.id, name: 'Amy Amqp' },
      groupPaths: [`/${group.id}/`],
      changes: [{ field: 'enabled', before: true, after: false }],
    });
  });

  it('names each imported technician its own row, and a dry run publishes nothing', async () => {
    const { log, session } = audit;
    const group = await createGroup(api(), token(), { name: 'Audit import' });
    const emails = [uniqueEmail('row-one'), uniqueEmail('row-two')];
    const file = csvImportFile(
      emails.map((email) => technicianRow(group.id, { email, password: 'Row-Pass-Good-42' })),
    );

    const dry = await uploadImport(session.stack, token(), file, { dryRun: true });
    expect(dry.status).toBe(202);
    await waitForImport(session.stack, token(), dry.body.id);

    const started = await uploadImport(session.stack, token(), file);
    expect(started.status).toBe(202);
    const importId = started.body.id as string;
    const finished = await waitForImport(session.stack, token(), importId);
    expect(finished).toMatchObject({ status: 'completed', succeeded: 2 });
    const items = (await api().get(`/api/v1/imports/${importId}/items`, token())).body.items as {
      row: number;
      email: string;
      technicianId: string;
    }[];
    expect(items).toHaveLength(2);
    for (const item of items) {
      const created = await log.next(
        'org.technician.created.v1',
        `technicians/${item.technicianId}`,
      );
      expect(created).toMatchObject({
        principal: `accounts/${session.master.accountId}`,
        channel: 'import',
        origin: `imports/${importId}/rows/${item.row}`,
      });
      expect(created.data).toMatchObject({
        target: { type: 'technician', id: item.technicianId, name: expect.any(String) },
        groupPaths: [`/${group.id}/`],
        technician: { email: item.email },
      });
    }
    expect(items.map((item) => item.row).sort()).toEqual([1, 2]);
    // The dry run's rows, finished before the real import's, made no change and no event.
    const fromDryRun = log.events.filter(
      (e) => e.type.startsWith('org.') && e.origin?.startsWith(`imports/${dry.body.id}`),
    );
    expect(fromDryRun).toEqual([]);
  });
});
