import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuditEvents } from '../api/audit-events';
import { ErrorState } from '../ui/ErrorState';
import { AuditEntriesTable } from './AuditEntriesTable';

const PAGE_SIZE = 5;

/**
 * The History of one technician or group (its audit entries, `target=<id>`): a few at a
 * time, newest first, with a link to the whole Audit log filtered to it.
 */
export function AuditHistory({ targetId, label }: { targetId: string; label: string }) {
  const { t } = useTranslation('audit');
  const history = useAuditEvents({ target: targetId }, PAGE_SIZE);
  const entries = history.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm">
      <Text role="status" size="sm" c="dimmed">
        {history.isPending
          ? t('entries.loading')
          : history.isSuccess && entries.length === 0
            ? t('history.empty')
            : ''}
      </Text>
      {history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        entries.length > 0 && <AuditEntriesTable entries={entries} label={label} compact />
      )}
      <Group>
        {history.hasNextPage && (
          <Button
            variant="default"
            loading={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            {t('entries.more')}
          </Button>
        )}
        <Button
          variant="subtle"
          loading={history.isRefetching && !history.isFetchingNextPage}
          onClick={() => void history.refetch()}
        >
          {t('history.refresh')}
        </Button>
        <Anchor component={Link} to={`/audit?target=${targetId}`} size="sm">
          {t('history.openLog')}
        </Anchor>
      </Group>
    </Stack>
  );
}
