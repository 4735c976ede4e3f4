import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroupOptions } from './useGroupOptions';

const NONE: string[] = [];
const asMatched: MultiSelectProps['filter'] = ({ options }) => options;

/**
 * GroupPicker for several groups (an Administrator's): searched on the server as one types,
 * each shown with its path; the chosen ones keep their labels, read by id when they were
 * chosen before (GET /groups/search?ids=).
 */
export function GroupMultiPicker({
  value,
  ...props
}: Omit<MultiSelectProps, 'data'> & { label: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { options, loading } = useGroupOptions({ search, selected: value ?? NONE });
  return (
    <MultiSelect
      searchable
      {...props}
      nothingFoundMessage={
        loading
          ? t('groupPicker.searching')
          : (props.nothingFoundMessage ?? t('groupPicker.nothingFound'))
      }
      value={value}
      data={options}
      filter={asMatched}
      searchValue={search}
      onSearchChange={setSearch}
    />
  );
}
