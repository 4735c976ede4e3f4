import { randomUUID } from 'node:crypto';
import { auditEventsQueueName, deadLetterQueueName } from '@app/contracts';
import { TestBroker } from '../../support/broker';
import { BrokerTeams } from '../../support/broker-teams';
import { createGroup, createTechnician, uniqueEmail, GOOD_PASSWORD } from '../../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../../support/imports';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';
import { waitFor } from '../../support/wait-for';
import { auditEvents, entriesOnceThere, publishEvent } from './audit-log-helpers';

describe('recording the events', () => {
  const session = sharedSession<StackSession>();

  it('records a technician created, updated, moved and deleted at REST, once each, with who, how, from where and what', async () => {
    const { stack, token, master } = session;
    const from = await createGroup(stack.api, token);
    const to = await createGroup(stack.api, token);
    const technician = await createTechnician(stack.api, token, from.id);
    const patch = await stack.api.request('PATCH', `/api/v1/technicians/${technician.id}`, {
      body: { enabled: false },
      token,
    });
    expect(patch.status).toBe(200);
    const move = await stack.api.post(
      `/api/v1/technicians/${technician.id}/move`,
      { groupId: to.id },
      token,
    );
    expect(move.status).toBe(200);
    const remove = await stack.api.request('DELETE', `/api/v1/technicians/${technician.id}`, {
      token,
    });
    expect(remove.status).toBeLessThan(300);

    const entries = await entriesOnceThere(stack, token, { target: technician.id }, 4);
    expect(entries.map((entry) => entry.type)).toEqual([
      'org.technician.deleted.v1',
      'org.technician.moved.v1',
      'org.technician.updated.v1',
      'org.technician.created.v1',
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        actor: { principal: `accounts/${master.accountId}`, type: 'account', id: master.accountId },
        target: { type: 'technician', id: technician.id },
      });
      expect(Array.isArray(entry.changes)).toBe(true);
    }
    // How and from where. (The delete is published by org's undo path, which names the
    // principal only until org's events carry the origin: see docs/AUDIT.md.)
    for (const entry of entries.filter((e) => e.type !== 'org.technician.deleted.v1')) {
      expect(entry).toMatchObject({
        channel: 'rest',
        origin: expect.stringMatching(/127\.0\.0\.1/),
      });
    }
    // Newest first, each with the next sequence of the organization's chain.
    const sequences = entries.map((entry) => entry.sequence);
    expect([...sequences].sort((a, b) => b - a)).toEqual(sequences);
    // Nothing more arrives for it (each event once).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await auditEvents(stack, token, { target: technician.id })).body.items).toHaveLength(4);
  });

  it('records an import that completed, with its administrator as the principal', async () => {
    const { stack, token, master } = session;
    const group = await createGroup(stack.api, token);
    const upload = await uploadImport(
      stack,
      token,
      csvImportFile([
        technicianRow(group.id, { email: uniqueEmail('imported'), password: GOOD_PASSWORD }),
      ]),
    );
    expect(upload.status).toBe(202);
    await waitForImport(stack, token, upload.body.id);
    const [entry] = await entriesOnceThere(
      stack,
      token,
      { type: 'import.completed.v1', target: upload.body.id },
      1,
    );
    expect(entry).toMatchObject({
      type: 'import.completed.v1',
      actor: { principal: `accounts/${master.accountId}` },
      target: { type: 'import', id: upload.body.id },
    });
  });

  it('records an event delivered twice (same CloudEvents id) once', async () => {
    const { stack, broker, master } = session;
    const target = randomUUID();
    const event = {
      id: randomUUID(),
      organizationId: master.organizationId,
      principal: `accounts/${master.accountId}`,
      channel: 'amqp',
      origin: 'rac-team-example',
      data: {
        target: { type: 'technician', id: target, name: 'Twice Delivered' },
        groupPaths: [],
        changes: [{ field: 'enabled', before: true, after: false }],
      },
    };
    publishEvent(broker, stack, event);
    publishEvent(broker, stack, event);
    const [entry] = await entriesOnceThere(stack, session.token, { target }, 1);
    expect(entry).toMatchObject({
      eventId: event.id,
      channel: 'amqp',
      origin: 'rac-team-example',
      target: { type: 'technician', id: target, name: 'Twice Delivered' },
      changes: [{ field: 'enabled', before: true, after: false }],
    });
    // A later event of the organization is recorded, and the duplicate still is not.
    const later = randomUUID();
    publishEvent(broker, stack, {
      ...event,
      id: randomUUID(),
      data: { ...event.data, target: { type: 'technician', id: later, name: 'Later' } },
    });
    await entriesOnceThere(stack, session.token, { target: later }, 1);
    expect((await auditEvents(stack, session.token, { target })).body.items).toHaveLength(1);
  });

  it('takes nothing from a broker user that is not one of our services, and dead-letters what it cannot read', async () => {
    const { stack, broker, master } = session;
    const teams = new BrokerTeams(stack.env);
    const team = await teams.make('auditforger', [master.organizationId]);
    const outsider = await TestBroker.connect(team.url);
    try {
      const forged = randomUUID();
      // Through the default exchange, straight onto the audit queue: a team may address it by name.
      outsider.channel.sendToQueue(
        auditEventsQueueName(stack.env.prefix),
        Buffer.from(
          JSON.stringify({
            target: { type: 'technician', id: forged, name: 'Forged' },
            groupPaths: [],
          }),
        ),
        {
          userId: outsider.user,
          headers: {
            'cloudEvents:id': randomUUID(),
            'cloudEvents:source': '/rescue-admin-center/org',
            'cloudEvents:type': 'org.technician.deleted.v1',
            'cloudEvents:time': new Date().toISOString(),
            'cloudEvents:organizationid': master.organizationId,
            'cloudEvents:principal': `accounts/${master.accountId}`,
          },
        },
      );
      // Unreadable, from one of ours: no id.
      broker.channel.sendToQueue(auditEventsQueueName(stack.env.prefix), Buffer.from('not json'), {
        userId: broker.user,
        headers: { 'cloudEvents:organizationid': master.organizationId },
      });
      const after = randomUUID();
      publishEvent(broker, stack, {
        organizationId: master.organizationId,
        data: { target: { type: 'technician', id: after, name: 'After' }, groupPaths: [] },
      });
      await entriesOnceThere(stack, session.token, { target: after }, 1);
      expect((await auditEvents(stack, session.token, { target: forged })).body.items).toEqual([]);
      const dead = await waitFor(
        () =>
          broker
            .messageCount(deadLetterQueueName(auditEventsQueueName(stack.env.prefix)))
            .then((n) => n || undefined),
        { timeoutMs: 10_000, what: 'the unreadable event on the dead-letter queue' },
      );
      expect(dead).toBe(1);
      expect(stack.services.audit.running).toBe(true);
    } finally {
      await outsider.close();
      await teams.removeAll();
    }
  });

  it('names the actor by the newest name the events gave it, and null when it never heard one', async () => {
    const { stack, broker, master } = session;
    const administrator = randomUUID();
    const publishAbout = (type: string, name: string) =>
      publishEvent(broker, stack, {
        type,
        organizationId: master.organizationId,
        principal: `accounts/${master.accountId}`,
        data: { target: { type: 'administrator', id: administrator, name }, groupPaths: [] },
      });
    publishAbout('org.administrator.created.v1', 'Ann Admin');
    publishAbout('org.administrator.updated.v1', 'Ann Admin-Renamed');
    const target = randomUUID();
    publishEvent(broker, stack, {
      organizationId: master.organizationId,
      principal: `accounts/${administrator}`,
      data: { target: { type: 'technician', id: target, name: 'Bob' }, groupPaths: [] },
    });
    const stranger = randomUUID();
    publishEvent(broker, stack, {
      organizationId: master.organizationId,
      principal: `service-principals/${stranger}`,
      data: { target: { type: 'technician', id: target, name: 'Bob' }, groupPaths: [] },
    });
    const entries = await entriesOnceThere(stack, session.token, { target }, 2);
    expect(entries.map((entry) => entry.actor)).toEqual([
      {
        principal: `service-principals/${stranger}`,
        type: 'service-principal',
        id: stranger,
        name: null,
      },
      {
        principal: `accounts/${administrator}`,
        type: 'account',
        id: administrator,
        name: 'Ann Admin-Renamed',
      },
    ]);
  });

  it('records an event published before the AuditedChange fields: the target from its subject, without a name', async () => {
    const { stack, broker, master } = session;
    const technicianId = randomUUID();
    publishEvent(broker, stack, {
      type: 'org.technician.deleted.v1',
      organizationId: master.organizationId,
      subject: `technicians/${technicianId}`,
      data: { technicianId },
    });
    const [entry] = await entriesOnceThere(stack, session.token, { target: technicianId }, 1);
    expect(entry).toMatchObject({
      type: 'org.technician.deleted.v1',
      actor: { principal: null, name: null },
      channel: null,
      origin: null,
      target: { type: 'technician', id: technicianId, name: null },
      changes: [],
    });
  });
});
