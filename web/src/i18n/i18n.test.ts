import { describe, expect, it } from 'vitest';
import { resources } from './all-strings';
import { LANGUAGES } from './i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keys(inner, prefix ? `${prefix}.${key}` : key),
  );
}

describe('translations', () => {
  const english = resources.en;

  it.each(Object.keys(LANGUAGES).filter((l) => l !== 'en'))(
    '%s has every English string and no other',
    (language) => {
      for (const namespace of Object.keys(english)) {
        expect({ namespace, keys: keys(resources[language]?.[namespace]).sort() }).toEqual({
          namespace,
          keys: keys(english[namespace]).sort(),
        });
      }
      expect(Object.keys(resources[language]).sort()).toEqual(Object.keys(english).sort());
    },
  );

  it('has no empty string', () => {
    for (const [language, namespaces] of Object.entries(resources)) {
      for (const [namespace, strings] of Object.entries(namespaces)) {
        const empty = keys(strings).filter((key) => {
          const value = key
            .split('.')
            .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], strings);
          return value === '';
        });
        expect({ language, namespace, empty }).toEqual({ language, namespace, empty: [] });
      }
    }
  });
});
