import i18n, { i18nReady } from './i18n/i18n';
import { resources } from './i18n/all-strings';

// Components under test find every string of every language at once (getFixedT('de')), as if
// each page's had loaded in each language.
await i18nReady;
for (const [language, namespaces] of Object.entries(resources)) {
  for (const [namespace, strings] of Object.entries(namespaces)) {
    i18n.addResourceBundle(language, namespace, strings, true, true);
  }
}
