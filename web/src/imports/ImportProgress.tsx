import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { problemMessage } from '../ui/problem';
import { useCancelImport, type ImportView } from '../api/imports';
import { progressPercent } from './import-summary';

/** A queued or running import: how far it is, in numbers, and a way to stop it. */
export function ImportProgress({ view }: { view: ImportView }) {
  const { t } = useTranslation('imports');
  const cancel = useCancelImport(view.id);
  const percent = progressPercent(view);
  const finishedMeanwhile = cancel.error instanceof ApiProblem && cancel.error.status === 409;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-progress-title">
      <Stack gap="sm">
        <Text fw={600} id="import-progress-title">
          {view.status === 'queued' ? t('detail.queued') : t('detail.running')}
        </Text>
        <Progress value={percent} aria-label={t('detail.progress')} size="xl" animated />
        <Text>
          {t('detail.counts', {
            processed: view.processed,
            succeeded: view.succeeded,
            failed: view.failed,
            total: view.total,
          })}
        </Text>
        <Text size="sm">{t('detail.leave')}</Text>
        {cancel.isError && (
          <Alert color={finishedMeanwhile ? 'yellow' : 'red'} role="alert">
            {finishedMeanwhile ? t('detail.cancelFinished') : problemMessage(cancel.error, t)}
          </Alert>
        )}
        <Group>
          <Button
            color="red"
            variant="outline"
            onClick={() => cancel.mutate()}
            loading={cancel.isPending}
          >
            {t('detail.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
