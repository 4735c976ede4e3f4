import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useGroupLabels } from '../api/group-search';
import { useTechnicianSearch } from '../api/technicians';
import { ErrorState } from '../ui/ErrorState';
import { usePageTitle } from '../ui/usePageTitle';

/** /search?q=: the technicians within the caller's scope whose name or email contains q. */
export function SearchPage() {
  const { t } = useTranslation('search');
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  usePageTitle(q ? t('heading', { q }) : t('title'));
  const search = useTechnicianSearch(q);
  const technicians = useMemo(
    () => search.data?.pages.flatMap((page) => page.items) ?? [],
    [search.data],
  );
  // The paths of the shown technicians' groups, read by id: never the whole tree.
  const groupPaths = useGroupLabels(technicians.map((technician) => technician.groupId)).data;

  if (!q) {
    return (
      <Stack>
        <Title order={1}>{t('title')}</Title>
        <Text>{t('noQuery')}</Text>
      </Stack>
    );
  }

  return (
    <Stack>
      <Title order={1}>{t('heading', { q })}</Title>
      {search.isPending && <Text role="status">{t('loading')}</Text>}
      {search.isError && <ErrorState error={search.error} onRetry={() => void search.refetch()} />}
      {search.isSuccess && technicians.length === 0 && (
        <Stack gap="xs" role="status">
          <Title order={2} size="h4">
            {t('empty.title', { q })}
          </Title>
          <Text maw={640}>{t('empty.text')}</Text>
        </Stack>
      )}
      {technicians.length > 0 && (
        <>
          <Text role="status" size="sm" c="dimmed">
            {t('count', { count: technicians.length })}
            {search.hasNextPage ? ` · ${t('more')}` : ''}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover aria-label={t('tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('columns.name')}</Table.Th>
                  <Table.Th scope="col">{t('columns.email')}</Table.Th>
                  <Table.Th scope="col">{t('columns.group')}</Table.Th>
                  <Table.Th scope="col">{t('columns.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {technicians.map((technician) => (
                  <Table.Tr key={technician.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/technicians/${technician.id}`}>
                        {technician.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{technician.email}</Table.Td>
                    <Table.Td>
                      {groupPaths && (groupPaths.get(technician.groupId) ?? t('unknownGroup'))}
                    </Table.Td>
                    <Table.Td>
                      {technician.enabled ? (
                        <Text span fw={600} size="sm" c="teal.9">
                          {t('status.enabled')}
                        </Text>
                      ) : (
                        <Text span fw={600} size="sm" c="gray.7">
                          {t('status.disabled')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {search.hasNextPage && (
            <Group>
              <Button
                variant="default"
                loading={search.isFetchingNextPage}
                onClick={() => void search.fetchNextPage()}
              >
                {t('loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
