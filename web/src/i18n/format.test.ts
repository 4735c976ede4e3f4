import { describe, expect, it } from 'vitest';
import { compareNames, formatBytes, formatDateTime, formatNumber } from './format';

describe('formatters in the chosen language', () => {
  const moment = new Date(Date.UTC(2026, 11, 7, 14, 5));
  const utc = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } as const;

  it.each([
    ['en', 'Dec 7, 2026, 2:05 PM'],
    ['fr', '7 déc. 2026, 14:05'],
    ['de', '07.12.2026, 14:05'],
    ['nl', '7 dec 2026, 14:05'],
  ])('writes a moment as %s does', (language, expected) => {
    expect(formatDateTime(moment, language, utc).replace(/\s/g, ' ')).toBe(expected);
  });

  it('takes an ISO string as well as a Date', () => {
    expect(formatDateTime(moment.toISOString(), 'it', utc)).toBe(formatDateTime(moment, 'it', utc));
  });

  it.each([
    ['en', '1,234.5'],
    ['de', '1.234,5'],
    ['fr', '1 234,5'],
    ['nl', '1.234,5'],
    ['pt', '1.234,5'],
    ['es', '1234,5'],
  ])('groups digits and writes decimals as %s does', (language, expected) => {
    expect(formatNumber(1234.5, language).replace(/\s/g, ' ')).toBe(expected);
  });

  it('writes sizes with the language’s decimal sign', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(2048, 'en')).toBe('2.0 KB');
    expect(formatBytes(2048, 'fr')).toBe('2,0 KB');
    expect(formatBytes(1024 * 1024, 'de')).toBe('1 MiB');
    expect(formatBytes(1.5 * 1024 * 1024, 'it')).toBe('1,5 MB');
  });

  it('orders names naturally, numbers by value, in every language', () => {
    const names = ['Bulk 10', 'bulk 2', 'Bulk 100', 'Bulk 0', 'Bulk 1', 'Équipe', 'Ecole'];
    for (const language of ['en', 'fr', 'it', 'de', 'es', 'pt', 'nl']) {
      expect([...names].sort(compareNames(language))).toEqual([
        'Bulk 0',
        'Bulk 1',
        'bulk 2',
        'Bulk 10',
        'Bulk 100',
        'Ecole',
        'Équipe',
      ]);
    }
  });
});
