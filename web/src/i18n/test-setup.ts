import i18n from './i18n';
import { LANGUAGES } from './languages';

// Unit tests read any language at once (getFixedT('de')); the app fetches each on demand.
await i18n.loadLanguages(Object.keys(LANGUAGES));
