import { cloudEventMessage } from './cloud-event';

describe('cloudEventMessage (CloudEvents 1.0, AMQP binding, binary mode)', () => {
  const stored = {
    eventId: '6f1c9d1e-0000-4000-8000-000000000001',
    occurredAt: '2026-12-01T10:00:00.000Z',
    organizationId: 'org-1',
    principal: 'accounts/a-1',
  };

  it('puts the attributes in cloudEvents:* headers and the rest in the body', () => {
    const message = cloudEventMessage('import', {
      pattern: 'import.completed.v1',
      payload: { ...stored, importId: 'imp-1', status: 'completed' },
    });
    expect(message.data).toEqual({ importId: 'imp-1', status: 'completed' });
    expect(message.properties).toEqual({
      headers: {
        'cloudEvents:specversion': '1.0',
        'cloudEvents:id': stored.eventId,
        'cloudEvents:source': '/rescue-admin-center/import',
        'cloudEvents:type': 'import.completed.v1',
        'cloudEvents:time': stored.occurredAt,
        'cloudEvents:subject': 'imports/imp-1',
        'cloudEvents:datacontenttype': 'application/json',
        'cloudEvents:organizationid': 'org-1',
        'cloudEvents:principal': 'accounts/a-1',
      },
      contentType: 'application/json',
      messageId: stored.eventId,
      type: 'import.completed.v1',
      timestamp: Date.parse(stored.occurredAt) / 1000,
      appId: 'import',
      persistent: true,
    });
  });

  it.each([
    [{ technician: { id: 't-1' } }, 'technicians/t-1'],
    [{ technicianId: 't-2', fromGroupId: 'g' }, 'technicians/t-2'],
  ])('names the technician as the subject', (data, subject) => {
    const message = cloudEventMessage('org', {
      pattern: 'org.technician.x.v1',
      payload: { ...stored, ...data },
    });
    expect(message.properties.headers?.['cloudEvents:subject']).toBe(subject);
  });
});

describe('cloudEventMessage: who, how and from where (the audit log reads them)', () => {
  it('publishes the channel and origin as attributes, and the target as the subject', () => {
    const message = cloudEventMessage('org', {
      pattern: 'org.group.updated.v1',
      payload: {
        eventId: 'e-1',
        occurredAt: '2026-12-07T10:00:00.000Z',
        organizationId: 'org-1',
        principal: 'scim-tokens/s-1',
        channel: 'scim',
        origin: '203.0.113.9',
        target: { type: 'group', id: 'g-1', name: 'EMEA' },
        groupPaths: ['/g-1/'],
      },
    });
    expect(message.properties.headers).toMatchObject({
      'cloudEvents:principal': 'scim-tokens/s-1',
      'cloudEvents:channel': 'scim',
      'cloudEvents:origin': '203.0.113.9',
      'cloudEvents:subject': 'groups/g-1',
    });
    expect(message.data).toEqual({
      target: { type: 'group', id: 'g-1', name: 'EMEA' },
      groupPaths: ['/g-1/'],
    });
  });

  it('names a setting by its name', () => {
    const message = cloudEventMessage('identity', {
      pattern: 'identity.password-policy.updated.v1',
      payload: {
        eventId: 'e-2',
        occurredAt: '2026-12-07T10:00:00.000Z',
        organizationId: 'org-1',
        target: { type: 'settings', id: 'password-policy', name: 'Password policy' },
        groupPaths: [],
      },
    });
    expect(message.properties.headers?.['cloudEvents:subject']).toBe('settings/password-policy');
  });
});
