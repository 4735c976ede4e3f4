import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useGroupCombobox } from './useGroupCombobox';

/**
 * A combobox of the Technician Groups the caller may see, searched on the server as one
 * types (GET /groups/search: any part of a group's name), each shown with its path
 * ("Support › EMEA › Tier 2"). It never loads the whole tree, whatever its size.
 */
export function GroupPicker({
  exclude,
  nothingFoundMessage,
  ...props
}: Omit<SelectProps, 'data'> & { label: string; exclude?: string[] }) {
  const value = typeof props.value === 'string' ? props.value : null;
  const selected = useMemo(() => (value ? [value] : []), [value]);
  const combobox = useGroupCombobox({ selected, exclude, nothingFoundMessage });
  return <Select {...props} {...combobox} />;
}
