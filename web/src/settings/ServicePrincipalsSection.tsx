import { Button, Stack, Text } from '@mantine/core';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters';
import { PagedTable } from '../ui/TableParts';
import { SettingsSection } from './SettingsSection';
import { useServicePrincipals, type ServicePrincipal } from '../api/service-principals';
import { DisableServicePrincipalModal } from './DisableServicePrincipalModal';
import { accountLabel, scopeKey, SERVICE_SCOPES } from './service-principal-form';
import { ServicePrincipalFormModal } from './ServicePrincipalFormModal';

const column = createColumnHelper<ServicePrincipal>();

/**
 * Global Settings, "Service principals": other teams' services acting as themselves over
 * RabbitMQ, each shown to every Master Administrator of the organization with who made it
 * and when it was last used; registered (name, scopes, public key) and disabled here.
 */
export function ServicePrincipalsSection() {
  const { t } = useTranslation('settings');
  const format = useFormatters();
  const principals = useServicePrincipals();
  // `formKey` makes a fresh form each time the dialog opens; `opened` apart, so that the
  // dialog closes with its transition and gives the focus back.
  const [form, setForm] = useState({ opened: false, formKey: 0 });
  const [disabling, setDisabling] = useState<{ opened: boolean; principal?: ServicePrincipal }>({
    opened: false,
  });

  const rows = useMemo(
    () => principals.data?.pages.flatMap((page) => page.items) ?? [],
    [principals.data],
  );

  const columns = useMemo(() => {
    return [
      column.accessor('name', { header: () => t('principals.columns.name') }),
      column.accessor('scopes', {
        header: () => t('principals.columns.scopes'),
        cell: (info) => (
          <Stack gap={2}>
            {SERVICE_SCOPES.filter((scope) => info.getValue().includes(scope)).map((scope) => (
              <span key={scope}>{t(`principals.scopes.${scopeKey(scope)}`)}</span>
            ))}
          </Stack>
        ),
      }),
      column.accessor('createdBy', {
        header: () => t('principals.columns.createdBy'),
        cell: (info) => accountLabel(info.getValue()),
      }),
      column.accessor('createdAt', {
        header: () => t('principals.columns.createdAt'),
        cell: (info) => format.dateTime(info.getValue()),
      }),
      column.accessor('lastUsedAt', {
        header: () => t('principals.columns.lastUsedAt'),
        cell: (info) => {
          const value = info.getValue();
          return value ? format.dateTime(value) : t('principals.neverUsed');
        },
      }),
      column.accessor('enabled', {
        header: () => t('principals.columns.status'),
        cell: (info) => {
          const { disabledAt, disabledBy } = info.row.original;
          return info.getValue() ? (
            <Text span fw={600} size="sm" c="teal.9">
              {t('principals.status.enabled')}
            </Text>
          ) : (
            <Stack gap={0}>
              <Text span fw={600} size="sm" c="gray.7">
                {t('principals.status.disabled')}
              </Text>
              {disabledAt && (
                <Text span size="sm" c="dimmed">
                  {disabledBy
                    ? t('principals.disabledOnBy', {
                        date: format.dateTime(disabledAt),
                        name: accountLabel(disabledBy),
                      })
                    : format.dateTime(disabledAt)}
                </Text>
              )}
            </Stack>
          );
        },
      }),
      column.display({
        id: 'actions',
        header: () => t('principals.columns.actions'),
        cell: (info) =>
          info.row.original.enabled && (
            <Button
              size="xs"
              variant="light"
              color="red"
              aria-label={t('principals.disableLabel', { name: info.row.original.name })}
              onClick={() => setDisabling({ opened: true, principal: info.row.original })}
            >
              {t('principals.disable')}
            </Button>
          ),
      }),
    ];
  }, [t, format]);

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <SettingsSection
      titleId="service-principals-title"
      title={t('principals.title')}
      intro={t('principals.intro')}
      action={
        <Button
          onClick={() => setForm((current) => ({ opened: true, formKey: current.formKey + 1 }))}
        >
          {t('principals.create')}
        </Button>
      }
      dialogs={
        <>
          <ServicePrincipalFormModal
            opened={form.opened}
            formKey={form.formKey}
            onClose={() => setForm((current) => ({ ...current, opened: false }))}
          />
          <DisableServicePrincipalModal
            opened={disabling.opened}
            principal={disabling.principal}
            onClose={() => setDisabling((current) => ({ ...current, opened: false }))}
          />
        </>
      }
    >
      <PagedTable
        table={table}
        list={principals}
        label={t('principals.tableLabel')}
        minWidth={860}
        texts={{
          empty: t('principals.empty'),
          loading: t('loading'),
          loadMore: t('principals.loadMore'),
        }}
      />
    </SettingsSection>
  );
}
