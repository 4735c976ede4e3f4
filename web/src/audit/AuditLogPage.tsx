import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { downloadAuditCsv, useAuditEvents } from '../api/audit-events';
import { ErrorState } from '../ui/ErrorState';
import { problemMessage } from '../ui/problem';
import { usePageTitle } from '../ui/usePageTitle';
import {
  filterErrors,
  filtersFromSearch,
  filtersOf,
  searchFromFilters,
  valuesOf,
  type FilterValues,
} from './audit-filters';
import { AuditEntriesTable } from './AuditEntriesTable';
import { EVENT_KIND_GROUPS, typeKey } from './event-kinds';

const PAGE_SIZE = 50;

/** /audit: who changed what, when and from where, filtered by the page's address. */
export function AuditLogPage() {
  const { t } = useTranslation('audit');
  usePageTitle(t('title'));
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const log = useAuditEvents(filters, PAGE_SIZE);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const [downloadError, setDownloadError] = useState<unknown>();
  const [downloading, setDownloading] = useState(false);

  const download = () => {
    setDownloadError(undefined);
    setDownloading(true);
    downloadAuditCsv(filters)
      .catch(setDownloadError)
      .finally(() => setDownloading(false));
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed">{t('intro')}</Text>
        </div>
        <Button variant="light" onClick={download} loading={downloading}>
          {t('download')}
        </Button>
      </Group>
      {downloadError !== undefined && (
        <Alert color="red" role="alert" title={t('downloadFailed')}>
          {problemMessage(downloadError, t)}
        </Alert>
      )}
      <FilterForm
        // A new address (a link, back) starts the form from its filters.
        key={search.toString()}
        initial={valuesOf(filters)}
        onApply={(values) => setSearch(searchFromFilters(filtersOf(values)))}
      />
      <Paper withBorder p="md" component="section" aria-labelledby="audit-entries-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="audit-entries-title">
            {t('entries.title')}
          </Title>
          <Text role="status" size="sm" c="dimmed">
            {log.isPending
              ? t('entries.loading')
              : log.isSuccess
                ? log.hasNextPage
                  ? t('entries.countMore', { count: entries.length })
                  : t('entries.count', { count: entries.length })
                : ''}
          </Text>
          {log.isError ? (
            <ErrorState error={log.error} onRetry={() => void log.refetch()} />
          ) : (
            entries.length > 0 && <AuditEntriesTable entries={entries} label={t('entries.title')} />
          )}
          <Group>
            {log.hasNextPage && (
              <Button
                variant="default"
                loading={log.isFetchingNextPage}
                onClick={() => void log.fetchNextPage()}
              >
                {t('entries.more')}
              </Button>
            )}
            <Button
              variant="subtle"
              loading={log.isRefetching && !log.isFetchingNextPage}
              onClick={() => void log.refetch()}
            >
              {t('entries.refresh')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** Who, what, target and time; applied (into the address) only when sent. */
function FilterForm({
  initial,
  onApply,
}: {
  initial: FilterValues;
  onApply: (values: FilterValues) => void;
}) {
  const { t } = useTranslation('audit');
  const form = useForm<FilterValues>({
    initialValues: initial,
    validate: (values) =>
      Object.fromEntries(Object.entries(filterErrors(values)).map(([f, key]) => [f, t(key)])),
  });
  const kinds = [
    { value: '', label: t('filters.anyType') },
    ...EVENT_KIND_GROUPS.map((kind) => ({
      group: t(`kinds.${kind.group}`),
      items: [
        ...(kind.prefix
          ? [{ value: kind.prefix, label: t('filters.allOf', { kind: t(`kinds.${kind.group}`) }) }]
          : []),
        ...kind.types.map((type) => ({ value: type, label: t(`types.${typeKey(type)}`) })),
      ],
    })),
  ];
  const empty: FilterValues = { actor: '', target: '', type: '', from: '', to: '' };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="audit-filters-title">
      <form onSubmit={form.onSubmit(onApply)} noValidate aria-labelledby="audit-filters-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="audit-filters-title">
            {t('filters.title')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            <NativeSelect
              label={t('filters.type')}
              description={t('filters.typeHint')}
              data={kinds}
              {...form.getInputProps('type')}
            />
            <TextInput
              label={t('filters.actor')}
              description={t('filters.actorHint')}
              spellCheck={false}
              {...form.getInputProps('actor')}
            />
            <TextInput
              label={t('filters.target')}
              description={t('filters.targetHint')}
              spellCheck={false}
              {...form.getInputProps('target')}
            />
            <TextInput
              type="datetime-local"
              label={t('filters.from')}
              description={t('filters.timeHint')}
              {...form.getInputProps('from')}
            />
            <TextInput
              type="datetime-local"
              label={t('filters.to')}
              description={t('filters.timeHint')}
              {...form.getInputProps('to')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit">{t('filters.apply')}</Button>
            <Button
              variant="default"
              onClick={() => {
                form.setValues(empty);
                onApply(empty);
              }}
            >
              {t('filters.clear')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
