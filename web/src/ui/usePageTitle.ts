import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title (what a screen reader announces, and the tab shows). */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('common:appName')}` : t('common:appName');
  }, [title, t]);
}
