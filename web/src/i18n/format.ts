/**
 * Dates, numbers and name order in the chosen language (the i18n language, not the
 * browser's): one place, so that no page formats in a locale of its own. Formatters are
 * cached per language and options: Intl constructors are slow, format calls are not.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.Collator>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.Collator>(
  key: string,
  make: () => T,
): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) cache.set(key, (formatter = make()));
  return formatter;
}

export const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** A moment as people of `language` write it ("7 déc. 2026, 14:05"). */
export function formatDateTime(
  value: Date | string | number,
  language: string,
  options: Intl.DateTimeFormatOptions = DATE_TIME,
): string {
  const format = cached(`d|${language}|${JSON.stringify(options)}`, () => {
    return new Intl.DateTimeFormat(language, options);
  });
  return format.format(value instanceof Date ? value : new Date(value));
}

/** A number with the language's digit grouping and decimal sign ("1 234,5" in French). */
export function formatNumber(
  value: number,
  language: string,
  options: Intl.NumberFormatOptions = {},
): string {
  const format = cached(`n|${language}|${JSON.stringify(options)}`, () => {
    return new Intl.NumberFormat(language, options);
  });
  return format.format(value);
}

/** "1 MiB", "512 KB", "2.5 MB" (or "2,5 MB"): a size as people of `language` read it. */
export function formatBytes(bytes: number, language: string): string {
  const digits = (value: number, fraction: number) =>
    formatNumber(value, language, {
      minimumFractionDigits: fraction,
      maximumFractionDigits: fraction,
    });
  if (bytes < 1024) return `${digits(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${digits(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)} KB`;
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${digits(mib, 0)} MiB` : `${digits(mib, 1)} MB`;
}

/**
 * Names in natural order for `language`: "Bulk 2" before "Bulk 10", accents and case as the
 * language sorts them (the server sorts with the natural_sort collation, the same idea).
 */
export function compareNames(language: string): (a: string, b: string) => number {
  return cached(`c|${language}`, () => new Intl.Collator(language, { numeric: true })).compare;
}
