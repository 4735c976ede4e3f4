/**
 * The languages of the center, in the order the seed's own selector shows them, each named in
 * itself. Adding one: a folder of every namespace beside en/ (i18n.test.ts checks it).
 */
export const LANGUAGES = {
  en: 'English',
  fr: 'Français',
  it: 'Italiano',
  de: 'Deutsch',
  es: 'Español',
  pt: 'Português',
  nl: 'Nederlands',
} as const;
export type Language = keyof typeof LANGUAGES;

const isLanguage = (value: string | null | undefined): value is Language =>
  !!value && Object.hasOwn(LANGUAGES, value);

/**
 * The language to start in: the one chosen in the picker earlier, else the first of the
 * browser's preferred languages (navigator.languages, from Accept-Language) that the center
 * speaks, by its base ("fr-CA" is fr), else English.
 */
export function pickLanguage(saved: string | null, preferred: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}
