import { readIncomingEvent, UnreadableEvent } from './incoming-event';

const organizationId = '6fa459ea-ee8a-3ca4-894e-db77e160355e';
const headers = (extra: Record<string, unknown> = {}) => ({
  'cloudEvents:id': 'e1',
  'cloudEvents:source': '/rescue-admin-center/org',
  'cloudEvents:type': 'org.technician.deleted.v1',
  'cloudEvents:time': '2026-12-07T10:00:00.123456Z',
  'cloudEvents:organizationid': organizationId,
  'cloudEvents:subject': 'technicians/t1',
  ...extra,
});
const body = (data: unknown) => Buffer.from(JSON.stringify(data));

describe('readIncomingEvent', () => {
  it('reads the AuditedChange fields, the time to milliseconds', () => {
    const event = readIncomingEvent(
      headers({
        'cloudEvents:principal': `accounts/${organizationId}`,
        'cloudEvents:channel': 'rest',
      }),
      body({
        target: { type: 'technician', id: 't1', name: 'Bob' },
        groupPaths: ['/a/b/', '/a/b/'],
        changes: [{ field: 'enabled', before: true, after: false }],
      }),
    );
    expect(event).toMatchObject({
      time: '2026-12-07T10:00:00.123Z',
      principal: `accounts/${organizationId}`,
      channel: 'rest',
      origin: null,
      target: { type: 'technician', id: 't1', name: 'Bob' },
      groupPaths: ['/a/b/'],
      changes: [{ field: 'enabled', before: true, after: false }],
    });
  });

  it('takes the target from the subject of an event published before those fields', () => {
    expect(readIncomingEvent(headers(), body({ technicianId: 't1' }))).toMatchObject({
      target: { type: 'technician', id: 't1', name: null },
      groupPaths: [],
      changes: [],
    });
    expect(
      readIncomingEvent(headers({ 'cloudEvents:subject': 'settings/audit' }), body({})).target,
    ).toEqual({ type: 'settings', id: 'audit', name: null });
  });

  it.each([
    ['no id', headers({ 'cloudEvents:id': undefined }), body({})],
    ['a bad organization', headers({ 'cloudEvents:organizationid': 'x' }), body({})],
    ['a bad time', headers({ 'cloudEvents:time': 'soon' }), body({})],
    ['a bad principal', headers({ 'cloudEvents:principal': 'root' }), body({})],
    ['a bad channel', headers({ 'cloudEvents:channel': 'fax' }), body({})],
    ['a body that is not JSON', headers(), Buffer.from('{')],
    ['a body that is a list', headers(), body([])],
    ['a target of an unknown type', headers(), body({ target: { type: 'x', id: '1', name: 'n' } })],
    ['a bad group path', headers(), body({ groupPaths: ['a/b'] })],
    ['a change without a field', headers(), body({ changes: [{ before: 1 }] })],
    ['a NUL in a header', headers({ 'cloudEvents:id': 'a\u0000b' }), body({})],
  ])('refuses %s', (_, given, content) => {
    expect(() => readIncomingEvent(given, content)).toThrow(UnreadableEvent);
  });
});
