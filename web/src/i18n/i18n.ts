import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { formatNumber } from './format';
import { LANGUAGES, pickLanguage, type Language } from './languages';

export { LANGUAGES, type Language };

/**
 * One i18n layer for every string the user reads: i18n/<language>/<namespace>.json, one
 * namespace per feature folder (common for the shell and shared pieces). English is the
 * reference and the fallback; a test checks every language has exactly the keys of English
 * (modulo the plural forms each language has). A page's strings load with it, in its language
 * only (lazyPage); common loads at start. English is not in the main script either: the
 * sign-in page carries neither seven languages nor every page's strings.
 * Counts are written `{{count, number}}`: grouped as the language groups digits.
 */
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
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return pickLanguage(localStorage.getItem(STORAGE_KEY), preferred);
}

/**
 * The picker's choice: kept for the next visits; settles once the strings of the namespaces
 * loaded so far are here in that language (i18next loads them all on a change).
 */
export function setLanguage(language: Language): Promise<unknown> {
  localStorage.setItem(STORAGE_KEY, language);
  return i18n.changeLanguage(language);
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
    supportedLngs: Object.keys(LANGUAGES),
    load: 'currentOnly',
    defaultNS: 'common',
    ns: ['common'],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });

/** The options of Intl.NumberFormat a string's format may give (`{{n, number(minimumFractionDigits: 1)}}`). */
const NUMBER_OPTIONS = [
  'minimumIntegerDigits',
  'minimumFractionDigits',
  'maximumFractionDigits',
  'minimumSignificantDigits',
  'maximumSignificantDigits',
  'style',
  'unit',
  'unitDisplay',
  'currency',
  'currencyDisplay',
  'notation',
  'compactDisplay',
  'signDisplay',
  'useGrouping',
] as const;

// i18next's own `number` format keys its cache by all of t()'s options, the count included,
// so it made an Intl.NumberFormat for every count: 180 ms of the tree's first render at 200
// groups. formatNumber keeps one per language and options.
i18n.services.formatter?.add('number', (value: number, lng, options: Record<string, unknown>) => {
  const chosen = Object.fromEntries(
    NUMBER_OPTIONS.filter((name) => options?.[name] !== undefined).map((name) => [
      name,
      options[name],
    ]),
  ) as Intl.NumberFormatOptions;
  return formatNumber(Number(value), lng ?? i18n.language, chosen);
});

/** Loads namespaces of the current language (and of the fallback), before a page shows. */
export async function loadNamespaces(namespaces: Namespace[]): Promise<void> {
  await Promise.all([i18nReady, namespaces.length && i18n.loadNamespaces(namespaces)]);
}

i18n.on('languageChanged', (lng) => document.documentElement.setAttribute('lang', lng));
document.documentElement.setAttribute('lang', language);

export default i18n;
