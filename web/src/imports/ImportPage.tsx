import { Alert, Anchor, Badge, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiProblem } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { ErrorState } from '../ui/ErrorState';
import { usePageTitle } from '../ui/usePageTitle';
import { useImport, isFinished } from '../api/imports';
import { ImportProgress } from './ImportProgress';
import { ImportStatusBadge } from './ImportStatusBadge';
import { ImportSummary } from './ImportSummary';
import { isItemFilter } from './import-summary';

/** One import, at its own address: progress while it runs, the Import Summary when it ends. */
export function ImportPage() {
  const { t } = useTranslation('imports');
  const { importId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const query = useImport(importId);
  const view = query.data;
  const finished = view ? isFinished(view) : false;
  const status = params.get('status');
  const filter = isItemFilter(status) ? status : 'all';
  usePageTitle(view ? t('detail.title', { fileName: view.fileName }) : t('title'));

  // When it ends, the list of imports and the rows shown so far are out of date.
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.imports, exact: true });
    void queryClient.invalidateQueries({ queryKey: [...queryKeys.import(importId), 'items'] });
  }, [finished, importId, queryClient]);

  return (
    <Stack gap="lg" maw={1100}>
      <Anchor component={Link} to="/imports" size="sm">
        {t('detail.back')}
      </Anchor>
      {query.isPending ? (
        <Center p="xl">
          <Loader role="progressbar" aria-label={t('title')} />
        </Center>
      ) : query.isError ? (
        isMissing(query.error) ? (
          <Alert color="red" role="alert" title={t('detail.notFound')}>
            {t('detail.notFoundText')}
          </Alert>
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : (
        <>
          <Group gap="sm">
            <Title order={1}>{t('detail.title', { fileName: query.data.fileName })}</Title>
            <ImportStatusBadge status={query.data.status} />
            {query.data.dryRun && (
              <Badge color="grape" variant="dot">
                {t('detail.dryRunBadge')}
              </Badge>
            )}
          </Group>
          {query.data.encoding !== 'utf-8' && (
            <Text size="sm">{t(`detail.encoding.${query.data.encoding}`)}</Text>
          )}
          {finished ? (
            <ImportSummary
              view={query.data}
              filter={filter}
              onFilterChange={(next) =>
                setParams(next === 'all' ? {} : { status: next }, { replace: true })
              }
            />
          ) : (
            <ImportProgress view={query.data} />
          )}
        </>
      )}
    </Stack>
  );
}

/** No such import (or an address that cannot name one). */
function isMissing(error: unknown): boolean {
  return error instanceof ApiProblem && (error.status === 404 || error.status === 400);
}
