import { describe, expect, it } from 'vitest';
import { resources } from './all-strings';
import i18n from './i18n';
import { LANGUAGES, pickLanguage } from './languages';

function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object') return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) =>
    leaves(inner, prefix ? `${prefix}.${key}` : key),
  );
}
const keys = (value: unknown) => leaves(value).map(([key]) => key);

const PLURAL = /_(zero|one|two|few|many|other)$/;
/**
 * English's keys as `language` must have them: a plural key (`x_one`, `x_other`) becomes one
 * key per plural category of the language (Intl.PluralRules, as i18next uses it).
 */
function expectedKeys(language: string, namespace: string): string[] {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const stems = new Set<string>();
  const plain: string[] = [];
  for (const key of keys(resources.en[namespace])) {
    if (PLURAL.test(key)) stems.add(key.replace(PLURAL, ''));
    else plain.push(key);
  }
  return [...plain, ...[...stems].flatMap((stem) => categories.map((c) => `${stem}_${c}`))].sort();
}

const placeholders = (text: unknown) =>
  typeof text === 'string'
    ? [...text.matchAll(/\{\{[^}]+\}\}|<\/?\d+>/g)].map((m) => m[0].replace(/\s/g, '')).sort()
    : [];

describe('translations', () => {
  it('has a folder for exactly the languages of the picker', () => {
    expect(Object.keys(resources).sort()).toEqual(Object.keys(LANGUAGES).sort());
    expect(Object.keys(LANGUAGES)).toEqual(['en', 'fr', 'it', 'de', 'es', 'pt', 'nl']);
  });

  it.each(Object.keys(LANGUAGES))(
    '%s has every English string, in each of its plural forms, and no other',
    (language) => {
      expect(Object.keys(resources[language] ?? {}).sort()).toEqual(
        Object.keys(resources.en).sort(),
      );
      for (const namespace of Object.keys(resources.en)) {
        expect({ namespace, keys: keys(resources[language]?.[namespace]).sort() }).toEqual({
          namespace,
          keys: expectedKeys(language, namespace),
        });
      }
    },
  );

  it.each(Object.keys(LANGUAGES).filter((l) => l !== 'en'))(
    '%s keeps every placeholder and tag of English',
    (language) => {
      for (const namespace of Object.keys(resources.en)) {
        const english = new Map(leaves(resources.en[namespace]));
        for (const [key, text] of leaves(resources[language][namespace])) {
          const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other'));
          // A singular may say "one" in words instead of {{count}}; every other form keeps them.
          const expected = placeholders(source).filter(
            (p) => !(key.endsWith('_one') && p.startsWith('{{count')),
          );
          const found = placeholders(text).filter((p) => !p.startsWith('{{count'));
          expect({ language, namespace, key, found }).toEqual({
            language,
            namespace,
            key,
            found: expected.filter((p) => !p.startsWith('{{count')),
          });
        }
      }
    },
  );

  it('has no empty string', () => {
    for (const [language, namespaces] of Object.entries(resources)) {
      for (const [namespace, strings] of Object.entries(namespaces)) {
        const empty = leaves(strings)
          .filter(([, value]) => value === '')
          .map(([key]) => key);
        expect({ language, namespace, empty }).toEqual({ language, namespace, empty: [] });
      }
    }
  });

  it('writes counts with the language’s digit grouping', async () => {
    await i18n.changeLanguage('de');
    expect(i18n.t('tree:row.technicianCount', { count: 1234 })).toBe('1.234 Techniker');
    await i18n.changeLanguage('fr');
    expect(i18n.t('tree:row.technicianCount', { count: 1000000 })).toMatch(/^1\s000\s000 de /);
    expect(i18n.t('tree:row.technicianCount', { count: 1 })).toBe('1 technicien');
    await i18n.changeLanguage('en');
    expect(i18n.t('tree:row.technicianCount', { count: 1234 })).toBe('1,234 technicians');
  });

  it('keeps a number format’s own options, and none of the other values of the string', () => {
    const string = '{{value, number(minimumFractionDigits: 2)}} of {{count, number}}';
    expect(i18n.t('nothing.here', { defaultValue: string, value: 3, count: 1234 })).toBe(
      '3.00 of 1,234',
    );
  });
});

describe('the first language', () => {
  it('is the one chosen earlier in the picker, whatever the browser prefers', () => {
    expect(pickLanguage('it', ['fr-FR', 'fr'])).toBe('it');
  });

  it('is otherwise the first of the browser’s languages the center speaks, by its base', () => {
    expect(pickLanguage(null, ['ja-JP', 'pt-BR', 'es'])).toBe('pt');
    expect(pickLanguage(null, ['nl-BE', 'de'])).toBe('nl');
    expect(pickLanguage('xx', ['FR-ca'])).toBe('fr');
  });

  it('is English when the browser prefers none of them', () => {
    expect(pickLanguage(null, ['ja', 'zh-Hant'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });
});
