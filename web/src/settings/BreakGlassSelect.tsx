import { MultiSelect } from '@mantine/core';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdministrators } from '../api/administrators';

/**
 * The organization's Master Administrators who keep their password while Single Sign-On is
 * required. Every page of administrators is loaded: an organization has a handful of masters
 * among them, and the choice must show them all.
 */
export function BreakGlassSelect({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation('settings');
  const administrators = useAdministrators();
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = administrators;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const masters = useMemo(
    () =>
      (administrators.data?.pages.flatMap((page) => page.items) ?? [])
        .filter((administrator) => administrator.role === 'master_admin')
        .map((administrator) => ({
          value: administrator.id,
          label: `${administrator.name} (${administrator.email})`,
        })),
    [administrators.data],
  );
  return (
    <MultiSelect
      label={t('sso.breakGlass')}
      description={t('sso.breakGlassHelp')}
      placeholder={masters.length ? t('sso.breakGlassPlaceholder') : undefined}
      data={masters}
      value={value}
      onChange={onChange}
      error={error}
      searchable
      clearable
      nothingFoundMessage={t('sso.breakGlassNone')}
    />
  );
}
