import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroupTree } from '../api/groups';
import { flattenGroups } from './flatten-groups';

/**
 * A searchable list of the Technician Groups the caller may see (type to filter by any part
 * of a group's path). Long organizations stay fast: only the first matches are rendered.
 */
export function GroupPicker({
  exclude,
  ...props
}: Omit<SelectProps, 'data'> & { label: string; exclude?: string[] }) {
  const { t } = useTranslation();
  const tree = useGroupTree();
  const options = useMemo(
    () =>
      flattenGroups(tree.data ?? [])
        .filter((group) => !exclude?.includes(group.id))
        .map((group) => ({ value: group.id, label: group.path })),
    [tree.data, exclude],
  );
  return (
    <Select
      searchable
      limit={100}
      nothingFoundMessage={t('groupPicker.nothingFound')}
      {...props}
      data={options}
      disabled={props.disabled || tree.isPending}
    />
  );
}
