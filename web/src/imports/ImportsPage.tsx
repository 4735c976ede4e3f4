import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../ui/usePageTitle';
import { ImportHistory } from './ImportHistory';
import { ImportTemplates } from './ImportTemplates';
import { StartImportForm } from './StartImportForm';

/** Import technicians: example files, a new import, and the earlier ones. */
export function ImportsPage() {
  const { t } = useTranslation('imports');
  usePageTitle(t('title'));
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={1}>{t('title')}</Title>
        <Text c="dimmed">{t('intro')}</Text>
      </div>
      <ImportTemplates />
      <StartImportForm />
      <ImportHistory />
    </Stack>
  );
}
