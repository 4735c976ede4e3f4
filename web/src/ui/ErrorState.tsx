import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemMessage } from './problem';

/** A failed load, said in words, with a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('errors.loadFailed')} role="alert" m="md">
      {problemMessage(error, t)}
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
