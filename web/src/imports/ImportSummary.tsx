import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../ui/problem';
import { downloadReport } from '../api/imports';
import { filterCounts, outcome, type FilteredImportProps } from './import-summary';
import { ImportItemsTable } from './ImportItemsTable';

/** How a finished import ended: its counts, every row with its reasons, and the report. */
export function ImportSummary({ view, filter, onFilterChange }: FilteredImportProps) {
  const { t } = useTranslation('imports');
  const [downloadError, setDownloadError] = useState<unknown>();
  const counts = filterCounts(view);
  const ended = outcome(view);
  const headline =
    view.dryRun && view.status === 'completed'
      ? t('summary.dryRun', view)
      : t(`summary.${ended}`, view);
  const tiles = [
    { label: t('summary.total'), value: counts.all },
    {
      label: view.dryRun ? t('summary.wouldSucceed') : t('summary.succeeded'),
      value: counts.succeeded,
    },
    {
      label: view.dryRun ? t('summary.wouldFail') : t('summary.failed_count'),
      value: counts.failed,
    },
    { label: t('summary.pending'), value: counts.pending },
  ];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-summary-title">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3" id="import-summary-title">
            {t('summary.title')}
          </Title>
          <Button
            variant="light"
            onClick={() => {
              setDownloadError(undefined);
              downloadReport(view).catch(setDownloadError);
            }}
          >
            {t('summary.download')}
          </Button>
        </Group>
        <Alert
          color={ended === 'completed' ? 'green' : ended === 'failed' ? 'red' : 'yellow'}
          role="status"
        >
          {headline}
        </Alert>
        {downloadError !== undefined && (
          <Alert color="red" role="alert" title={t('summary.downloadFailed')}>
            {problemMessage(downloadError, t)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" aria-label={t('summary.title')} m={0}>
          {tiles.map((tile) => (
            <Paper key={tile.label} withBorder p="sm">
              <Text component="dt" size="sm">
                {tile.label}
              </Text>
              <Text component="dd" fw={700} fz="xl" m={0}>
                {tile.value}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
        <ImportItemsTable view={view} filter={filter} onFilterChange={onFilterChange} />
      </Stack>
    </Paper>
  );
}
