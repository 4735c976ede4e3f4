import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './usePageTitle';

/** A page not built yet: its title only. */
export function Placeholder({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  usePageTitle(t(titleKey));
  return <Title order={1}>{t(titleKey)}</Title>;
}
