/**
 * Every language's strings at once, for tests (the app itself fetches all but English on
 * demand, through i18n.ts): resources[language][namespace].
 */
const files = import.meta.glob<Record<string, unknown>>('./*/*.json', {
  eager: true,
  import: 'default',
});

export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, strings] of Object.entries(files)) {
  const [, language, namespace] = /\.\/(\w+)\/([\w-]+)\.json$/.exec(file)!;
  (resources[language] ??= {})[namespace] = strings;
}
