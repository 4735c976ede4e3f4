import type { OptionsFilter } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroupOptions } from './useGroupOptions';

/** Mantine filters nothing: the server has matched the name already. */
const asMatched: OptionsFilter = ({ options }) => options;

/**
 * What GroupPicker and GroupMultiPicker give their Mantine combobox alike: the typed term
 * held here and searched on the server, the options, no filtering of their own, and the
 * message while the matches are on their way or when there are none.
 */
export function useGroupCombobox({
  selected,
  exclude,
  nothingFoundMessage,
}: {
  selected: readonly string[];
  exclude?: readonly string[];
  nothingFoundMessage?: ReactNode;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { options, loading } = useGroupOptions({ search, selected, exclude });
  return {
    searchable: true,
    data: options,
    filter: asMatched,
    searchValue: search,
    onSearchChange: setSearch,
    nothingFoundMessage: loading
      ? t('groupPicker.searching')
      : (nothingFoundMessage ?? t('groupPicker.nothingFound')),
  };
}
