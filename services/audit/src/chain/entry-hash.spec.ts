import { createHash } from 'node:crypto';
import { entryHash, RecordedEntry } from './entry-hash';
import { groupReach } from './group-reach';

const entry: RecordedEntry = {
  id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  organizationId: '6fa459ea-ee8a-3ca4-894e-db77e160355e',
  sequence: 1,
  source: '/rescue-admin-center/org',
  eventId: 'e1',
  type: 'org.technician.updated.v1',
  time: '2026-12-07T10:00:00.000Z',
  recordedAt: '2026-12-07T10:00:00.120Z',
  principal: 'accounts/6fa459ea-ee8a-3ca4-894e-db77e160355e',
  channel: 'rest',
  origin: '203.0.113.9',
  target: { type: 'technician', id: 't1', name: 'Bob Tech' },
  groupPaths: ['/a/b/'],
  changes: [{ field: 'enabled', before: true, after: false }],
};

describe('entryHash', () => {
  it('is SHA-256 over the RFC 8785 form: keys sorted, no spaces, whatever order the fields came in', () => {
    const reordered = Object.fromEntries(
      Object.entries(entry).reverse(),
    ) as unknown as RecordedEntry;
    expect(entryHash(reordered, null)).toBe(entryHash(entry, null));
    const canonical =
      '{"changes":[{"after":false,"before":true,"field":"enabled"}],"channel":"rest",' +
      '"eventId":"e1","groupPaths":["/a/b/"],"id":"1b4e28ba-2fa1-11d2-883f-0016d3cca427",' +
      '"organizationId":"6fa459ea-ee8a-3ca4-894e-db77e160355e","origin":"203.0.113.9",' +
      '"previousHash":null,"principal":"accounts/6fa459ea-ee8a-3ca4-894e-db77e160355e",' +
      '"recordedAt":"2026-12-07T10:00:00.120Z","sequence":1,"source":"/rescue-admin-center/org",' +
      '"target":{"id":"t1","name":"Bob Tech","type":"technician"},' +
      '"time":"2026-12-07T10:00:00.000Z","type":"org.technician.updated.v1"}';
    expect(entryHash(entry, null)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('changes with any recorded field, and with the previous hash', () => {
    const base = entryHash(entry, null);
    expect(entryHash({ ...entry, target: { ...entry.target, name: 'Eve' } }, null)).not.toBe(base);
    expect(entryHash({ ...entry, sequence: 2 }, null)).not.toBe(base);
    expect(entryHash({ ...entry, changes: [] }, null)).not.toBe(base);
    expect(entryHash(entry, 'a'.repeat(64))).not.toBe(base);
  });
});

describe('groupReach', () => {
  it('gives each path and every ancestor, once', () => {
    expect(groupReach(['/a/b/c/', '/a/d/']).sort()).toEqual(['/a/', '/a/b/', '/a/b/c/', '/a/d/']);
    expect(groupReach([])).toEqual([]);
  });
});
