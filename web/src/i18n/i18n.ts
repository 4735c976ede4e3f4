import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * One i18n layer for every string the user reads: i18n/<language>/<namespace>.json, one
 * namespace per feature folder (common for the shell and shared pieces). English is the
 * reference; a test checks every other language has exactly the same keys.
 */
export const LANGUAGES = { en: 'English', de: 'Deutsch' } as const;
export type Language = keyof typeof LANGUAGES;

const files = import.meta.glob<Record<string, unknown>>('./*/*.json', {
  eager: true,
  import: 'default',
});

export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, strings] of Object.entries(files)) {
  const [, language, namespace] = /\.\/(\w+)\/([\w-]+)\.json$/.exec(file)!;
  (resources[language] ??= {})[namespace] = strings;
}

const STORAGE_KEY = 'rac.language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && saved in LANGUAGES) return saved as Language;
  const browser = navigator.language.slice(0, 2);
  return browser in LANGUAGES ? (browser as Language) : 'en';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(resources.en ?? {}),
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
i18n.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));
document.documentElement.setAttribute('lang', i18n.language);

export default i18n;
