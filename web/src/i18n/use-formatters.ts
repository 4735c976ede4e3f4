import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { compareNames, formatBytes, formatDateTime, formatNumber } from './format';

/** The formatters of ./format.ts bound to the current language; pages re-render on a change. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(
    () => ({
      language,
      dateTime: (value: Date | string | number, options?: Intl.DateTimeFormatOptions) =>
        formatDateTime(value, language, options),
      number: (value: number, options?: Intl.NumberFormatOptions) =>
        formatNumber(value, language, options),
      bytes: (bytes: number) => formatBytes(bytes, language),
      compareNames: compareNames(language),
    }),
    [language],
  );
}
