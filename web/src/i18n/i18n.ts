import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * One i18n layer for every string the user reads: i18n/<language>/<namespace>.json, one
 * namespace per feature folder (common for the shell and shared pieces). English is the
 * reference; a test checks every other language has exactly the same keys. A page's
 * strings load with it, in its language only (lazyPage); common loads at start.
 */
export const LANGUAGES = { en: 'English', de: 'Deutsch' } as const;
export type Language = keyof typeof LANGUAGES;

const files = import.meta.glob<Record<string, unknown>>('./*/*.json', { import: 'default' });

/** The namespaces, as English has them. */
export const NAMESPACES = Object.keys(files).flatMap(
  (file) => /^\.\/en\/([\w-]+)\.json$/.exec(file)?.[1] ?? [],
);
export type Namespace = string;

/** Reads a namespace's strings from its own chunk (one small file per language and namespace). */
const lazyStrings: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = files[`./${language}/${namespace}.json`];
    if (!load) return callback(new Error(`no strings for ${language}/${namespace}`), false);
    load().then(
      (strings) => callback(null, strings),
      (error: Error) => callback(error, true), // retried by i18next
    );
  },
};

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

const language = initialLanguage();
/** Settled once the common strings of the first language are there. */
export const i18nReady = i18n
  .use(lazyStrings)
  .use(initReactI18next)
  .init({
    lng: language,
    // Starts reading common now, so that a page's strings can be asked for beside it.
    initAsync: false,
    fallbackLng: 'en',
    load: 'currentOnly',
    defaultNS: 'common',
    ns: ['common'],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });

/** Loads namespaces of the current language (and of the fallback), before a page shows. */
export async function loadNamespaces(namespaces: Namespace[]): Promise<void> {
  await Promise.all([i18nReady, namespaces.length && i18n.loadNamespaces(namespaces)]);
}

i18n.on('languageChanged', (lng) => document.documentElement.setAttribute('lang', lng));
document.documentElement.setAttribute('lang', language);

export default i18n;
