/**
 * Every language's strings at once, for the tests (the completeness test, the setup that
 * gives components their strings without loading them): the app loads them a page at a time.
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
