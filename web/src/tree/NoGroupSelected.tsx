import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The right side of the home page before a group is selected. */
export function NoGroupSelected() {
  const { t } = useTranslation('tree');
  return (
    <Paper withBorder p="lg">
      <Text c="dimmed">{t('panel.selectPrompt')}</Text>
    </Paper>
  );
}
