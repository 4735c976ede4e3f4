import { Anchor, Button, Center, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters';
import { Link } from 'react-router';
import { ErrorState } from '../ui/ErrorState';
import { useImportHistory } from '../api/imports';
import { ImportStatusBadge } from './ImportStatusBadge';

/** The earlier imports, newest first, each linking to its progress or summary. */
export function ImportHistory() {
  const { t } = useTranslation('imports');
  const history = useImportHistory();
  const imports = history.data?.pages.flatMap((page) => page.items) ?? [];
  const format = useFormatters();

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-history-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="import-history-title">
          {t('history.title')}
        </Title>
        {history.isPending ? (
          <Center p="md">
            <Loader size="sm" role="progressbar" aria-label={t('history.title')} />
          </Center>
        ) : history.isError ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : imports.length === 0 ? (
          <Text c="dimmed">{t('history.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-labelledby="import-history-title" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('history.file')}</Table.Th>
                  <Table.Th scope="col">{t('history.status')}</Table.Th>
                  <Table.Th scope="col">{t('history.dryRun')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('history.rows')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('history.succeeded')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('history.failed')}
                  </Table.Th>
                  <Table.Th scope="col">{t('history.date')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imports.map((view) => (
                  <Table.Tr key={view.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/imports/${view.id}`}>
                        {view.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <ImportStatusBadge status={view.status} />
                    </Table.Td>
                    <Table.Td>{view.dryRun ? t('history.yes') : t('history.no')}</Table.Td>
                    <Table.Td ta="right">{view.total}</Table.Td>
                    <Table.Td ta="right">{view.succeeded}</Table.Td>
                    <Table.Td ta="right">{view.failed}</Table.Td>
                    <Table.Td>{format.dateTime(view.startedAt ?? view.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {history.hasNextPage && (
          <Button
            variant="subtle"
            onClick={() => void history.fetchNextPage()}
            loading={history.isFetchingNextPage}
          >
            {t('history.more')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
