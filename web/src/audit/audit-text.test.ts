import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/audit-events';
import i18n from '../i18n/i18n';
import { actorLabel, describeEntry, describeOrigin, formatValue } from './audit-text';
import { EVENT_KIND_GROUPS, typeKey } from './event-kinds';

const en = i18n.getFixedT('en', 'audit');
const de = i18n.getFixedT('de', 'audit');

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id: '7a1c7a51-0000-4000-8000-000000000001',
  sequence: 41,
  eventId: 'e1',
  type: 'org.technician.updated.v1',
  time: '2026-12-07T10:00:00.000Z',
  recordedAt: '2026-12-07T10:00:00.120Z',
  actor: {
    principal: 'accounts/5b2e0000-0000-4000-8000-000000000002',
    type: 'account',
    id: '5b2e0000-0000-4000-8000-000000000002',
    name: 'Ann Admin',
  },
  channel: 'rest',
  origin: '203.0.113.9',
  target: { type: 'technician', id: '9c3d0000-0000-4000-8000-000000000003', name: 'Bob Tech' },
  changes: [{ field: 'name', before: 'Bob', after: 'Bob Tech' }],
  ...overrides,
});

describe('describeEntry', () => {
  it('says what happened to the target, in each language', () => {
    expect(describeEntry(entry(), en)).toBe('updated technician Bob Tech');
    expect(describeEntry(entry(), de)).toBe('hat Techniker Bob Tech geändert');
    expect(describeEntry(entry({ type: 'org.group.moved.v1' }), en)).toBe('moved group Bob Tech');
  });

  it('says disabled or enabled when that is all an update did', () => {
    const disabled = entry({ changes: [{ field: 'enabled', before: true, after: false }] });
    const enabled = entry({ changes: [{ field: 'enabled', before: false, after: true }] });
    expect(describeEntry(disabled, en)).toBe('disabled technician Bob Tech');
    expect(describeEntry(enabled, en)).toBe('enabled technician Bob Tech');
    const both = entry({
      changes: [
        { field: 'enabled', before: true, after: false },
        { field: 'name', before: 'Bob', after: 'Bob Tech' },
      ],
    });
    expect(describeEntry(both, en)).toBe('updated technician Bob Tech');
  });

  it('still reads for a type it does not know', () => {
    expect(describeEntry(entry({ type: 'org.widget.spun.v1' }), en)).toBe(
      'org.widget.spun.v1 on technician Bob Tech',
    );
  });

  it('has a sentence and a filter label for every kind the filter offers', () => {
    for (const group of EVENT_KIND_GROUPS) {
      for (const type of group.types) {
        for (const t of [en, de]) {
          expect(t(`events.${typeKey(type)}`, { name: 'X' })).not.toContain('events.');
          expect(t(`types.${typeKey(type)}`)).not.toContain('types.');
        }
      }
    }
  });
});

describe('actorLabel', () => {
  it('is the name, or the id when the name is unknown, or the system', () => {
    expect(actorLabel(entry(), en)).toBe('Ann Admin');
    const unnamed = entry();
    unnamed.actor = { ...unnamed.actor, name: null };
    expect(actorLabel(unnamed, en)).toBe('5b2e0000-0000-4000-8000-000000000002');
    const nobody = entry();
    nobody.actor = { principal: null, type: null, id: null, name: null };
    expect(actorLabel(nobody, en)).toBe('the system');
  });
});

describe('describeOrigin', () => {
  it('names the channel and where it came from', () => {
    expect(describeOrigin({ channel: 'rest', origin: '203.0.113.9' }, en)).toBe(
      'REST from 203.0.113.9',
    );
    expect(describeOrigin({ channel: 'amqp', origin: 'billing' }, en)).toBe('AMQP as billing');
    expect(describeOrigin({ channel: 'scim', origin: null }, en)).toBe('SCIM');
    expect(describeOrigin({ channel: null, origin: null }, en)).toBe('unknown');
    expect(
      describeOrigin(
        { channel: 'import', origin: 'imports/0f0e0000-0000-4000-8000-000000000004/rows/12' },
        en,
      ),
    ).toBe('import row 12');
    expect(
      describeOrigin(
        { channel: 'import', origin: 'imports/0f0e0000-0000-4000-8000-000000000004' },
        en,
      ),
    ).toBe('import');
  });
});

describe('formatValue', () => {
  it('writes booleans, lists and nothing as words', () => {
    expect(formatValue(true, en)).toBe('Yes');
    expect(formatValue(false, de)).toBe('Nein');
    expect(formatValue(['Chat', 'RemoteView'], en)).toBe('Chat, RemoteView');
    expect(formatValue([], en)).toBe('(none)');
    expect(formatValue(null, en)).toBe('(none)');
    expect(formatValue('', en)).toBe('(empty)');
    expect(formatValue(12, en)).toBe('12');
    expect(formatValue({ a: 1 }, en)).toBe('{"a":1}');
  });
});
