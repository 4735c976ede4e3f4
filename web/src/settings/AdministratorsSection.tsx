import { Button, Stack, Text } from '@mantine/core';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters';
import { useCurrentAdmin } from '../auth/guards';
import { useAdministrators, type Administrator } from '../api/administrators';
import { useGroupLabels } from '../api/group-search';
import { PagedTable } from '../ui/TableParts';
import { SettingsSection } from './SettingsSection';
import { AdministratorFormModal } from './AdministratorFormModal';

const column = createColumnHelper<Administrator>();

/** Global Settings, "Administrators": the organization's administrators, created and changed here. */
export function AdministratorsSection() {
  const { t } = useTranslation('settings');
  const format = useFormatters();
  const me = useCurrentAdmin();
  const administrators = useAdministrators();
  // The administrator being edited (undefined: a new one); `opened` apart, so that the
  // modal closes with its transition and gives focus back; `formKey` makes a fresh form
  // (and a fresh Idempotency-Key) each time it opens.
  const [dialog, setDialog] = useState<{
    opened: boolean;
    administrator?: Administrator;
    formKey: number;
  }>({ opened: false, formKey: 0 });
  const open = (administrator?: Administrator) =>
    setDialog((current) => ({ opened: true, administrator, formKey: current.formKey + 1 }));

  const rows = useMemo(
    () => administrators.data?.pages.flatMap((page) => page.items) ?? [],
    [administrators.data],
  );
  // The paths of the groups the shown administrators have, read by id: never the whole tree.
  const labels = useGroupLabels(rows.flatMap((row) => (row.role === 'admin' ? row.groupIds : [])));
  const groupPaths = labels.data;

  const columns = useMemo(
    () => [
      column.accessor('name', {
        header: () => t('administrators.columns.name'),
        cell: (info) => (
          <>
            {info.getValue()}
            {info.row.original.id === me.id && (
              <Text span c="dimmed" size="sm">
                {' '}
                {t('administrators.you')}
              </Text>
            )}
          </>
        ),
      }),
      column.accessor('email', { header: () => t('administrators.columns.email') }),
      column.accessor('role', {
        header: () => t('administrators.columns.role'),
        cell: (info) => t(`administrators.roles.${info.getValue()}`),
      }),
      column.accessor('groupIds', {
        header: () => t('administrators.columns.groups'),
        cell: (info) => {
          if (info.row.original.role === 'master_admin') return t('administrators.allGroups');
          const ids = info.getValue();
          if (ids.length === 0) return t('administrators.noGroups');
          return (
            <Stack gap={2}>
              {ids
                .map((id) => ({
                  id,
                  // Empty while the paths load (read by id), then in natural order.
                  label: groupPaths ? (groupPaths.get(id) ?? t('administrators.unknownGroup')) : '',
                }))
                .sort((a, b) => format.compareNames(a.label, b.label))
                .map(({ id, label }) => (
                  <span key={id}>{label}</span>
                ))}
            </Stack>
          );
        },
      }),
      column.accessor('enabled', {
        header: () => t('administrators.columns.status'),
        cell: (info) =>
          info.getValue() ? (
            <Text span fw={600} size="sm" c="teal.9">
              {t('administrators.status.enabled')}
            </Text>
          ) : (
            <Text span fw={600} size="sm" c="gray.7">
              {t('administrators.status.disabled')}
            </Text>
          ),
      }),
      column.display({
        id: 'actions',
        header: () => t('administrators.columns.actions'),
        cell: (info) => (
          <Button
            size="xs"
            variant="light"
            aria-label={t('administrators.editLabel', { name: info.row.original.name })}
            onClick={() => open(info.row.original)}
          >
            {t('administrators.edit')}
          </Button>
        ),
      }),
    ],
    [t, me.id, groupPaths, format],
  );

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <SettingsSection
      titleId="administrators-title"
      title={t('administrators.title')}
      intro={t('administrators.intro')}
      action={<Button onClick={() => open()}>{t('administrators.create')}</Button>}
      dialogs={
        <AdministratorFormModal
          opened={dialog.opened}
          administrator={dialog.administrator}
          formKey={dialog.formKey}
          onClose={() => setDialog((current) => ({ ...current, opened: false }))}
        />
      }
    >
      <PagedTable
        table={table}
        list={administrators}
        label={t('administrators.tableLabel')}
        minWidth={720}
        texts={{
          empty: t('administrators.empty'),
          loading: t('loading'),
          loadMore: t('administrators.loadMore'),
        }}
      />
    </SettingsSection>
  );
}
