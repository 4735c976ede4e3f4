import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, pickLanguage, type Language } from './languages';

export { LANGUAGES, type Language };

/**
 * One i18n layer for every string the user reads: i18n/<language>/<namespace>.json, one
 * namespace per feature folder (common for the shell and shared pieces). English is the
 * reference and the fallback, in the main script; every other language is a chunk of its own,
 * fetched when chosen (the sign-in page does not carry seven languages). A test checks every
 * language has exactly the keys of English (modulo the plural forms each language has).
 * Counts are written `{{count, number}}`: grouped as the language groups digits.
 */
const english = import.meta.glob<Record<string, unknown>>('./en/*.json', {
  eager: true,
  import: 'default',
});
const others = import.meta.glob<Record<string, unknown>>(['./*/*.json', '!./en/*.json'], {
  import: 'default',
});
const namespaceOf = (file: string) => /\/([\w-]+)\.json$/.exec(file)![1];

const englishStrings = Object.fromEntries(
  Object.entries(english).map(([file, strings]) => [namespaceOf(file), strings]),
);

/** Reads a language's namespace from its chunk, the first time it is needed. */
const chunks: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, done) {
    const load = others[`./${language}/${namespace}.json`];
    if (!load) return done(null, {});
    load().then(
      (strings) => done(null, strings),
      (error: Error) => done(error, null),
    );
  },
};

const STORAGE_KEY = 'rac.language';

function initialLanguage(): Language {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return pickLanguage(localStorage.getItem(STORAGE_KEY), preferred);
}

/** The picker's choice: kept for the next visits, and shown once its strings are here. */
export function setLanguage(language: Language): Promise<unknown> {
  localStorage.setItem(STORAGE_KEY, language);
  return i18n.changeLanguage(language);
}

/** Resolves once the first language's strings are here: main.tsx renders after it. */
export const i18nReady = i18n
  .use(chunks)
  .use(initReactI18next)
  .init({
    resources: { en: englishStrings },
    partialBundledLanguages: true,
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: Object.keys(LANGUAGES),
    defaultNS: 'common',
    ns: Object.keys(englishStrings),
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    react: { useSuspense: false },
  });
i18n.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));
document.documentElement.setAttribute('lang', i18n.language);

export default i18n;
