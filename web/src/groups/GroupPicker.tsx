import { Select, type SelectProps } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroupOptions } from './useGroupOptions';

/** Mantine filters nothing: the server has matched the name already. */
const asMatched: SelectProps['filter'] = ({ options }) => options;

/**
 * A combobox of the Technician Groups the caller may see, searched on the server as one
 * types (GET /groups/search: any part of a group's name), each shown with its path
 * ("Support › EMEA › Tier 2"). It never loads the whole tree, whatever its size.
 */
export function GroupPicker({
  exclude,
  ...props
}: Omit<SelectProps, 'data'> & { label: string; exclude?: string[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const value = typeof props.value === 'string' ? props.value : null;
  const selected = useMemo(() => (value ? [value] : []), [value]);
  const { options, loading } = useGroupOptions({ search, selected, exclude });
  return (
    <Select
      searchable
      {...props}
      nothingFoundMessage={
        loading
          ? t('groupPicker.searching')
          : (props.nothingFoundMessage ?? t('groupPicker.nothingFound'))
      }
      data={options}
      filter={asMatched}
      searchValue={search}
      onSearchChange={setSearch}
    />
  );
}
