/**
 * Every language's strings at once, for the tests (the completeness test of all seven
 * languages, the setup that gives components every language's strings without loading them):
 * the app loads them a page at a time, in the chosen language: resources[language][namespace].
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
