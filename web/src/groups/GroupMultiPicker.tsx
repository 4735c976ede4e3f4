import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useGroupCombobox } from './useGroupCombobox';

const NONE: string[] = [];

/**
 * GroupPicker for several groups (an Administrator's): searched on the server as one types,
 * each shown with its path; the chosen ones keep their labels, read by id when they were
 * chosen before (GET /groups/search?ids=).
 */
export function GroupMultiPicker({
  nothingFoundMessage,
  ...props
}: Omit<MultiSelectProps, 'data'> & { label: string }) {
  const combobox = useGroupCombobox({ selected: props.value ?? NONE, nothingFoundMessage });
  return <MultiSelect {...props} {...combobox} />;
}
