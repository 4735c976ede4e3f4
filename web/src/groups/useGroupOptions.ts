import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef } from 'react';
import { groupPathLabel, useGroupLabels, useGroupSearch } from '../api/group-search';

export interface GroupChoice {
  value: string;
  label: string;
}

/**
 * The options of a group picker that searches on the server: the chosen groups first (their
 * labels kept from the matches they were chosen from, or read by id), then the matches of
 * what is typed (debounced), none of `exclude`. The list is never the whole tree.
 */
export function useGroupOptions({
  search,
  selected,
  exclude,
}: {
  search: string;
  selected: readonly string[];
  exclude?: readonly string[];
}) {
  // Every label seen: a chosen group keeps its label when later matches leave it out.
  const known = useRef(new Map<string, string>());
  // A single picker shows the chosen group's path in its box: that is no search.
  const term = selected.some((id) => known.current.get(id) === search) ? '' : search.trim();
  const [typed] = useDebouncedValue(term, 200);
  const matches = useGroupSearch(typed);
  for (const group of matches.data ?? []) known.current.set(group.id, groupPathLabel(group));
  const missing = selected.filter((id) => !known.current.has(id));
  const labels = useGroupLabels(missing);
  for (const [id, label] of labels.data ?? []) known.current.set(id, label);
  // Only the matches of what is in the box now: the previous term's would be chosen by
  // ArrowDown and Enter before the right ones arrive.
  const fresh = typed === term && !matches.isPlaceholderData && matches.isSuccess;

  const options = useMemo<GroupChoice[]>(() => {
    const found = (fresh ? (matches.data ?? []) : [])
      .filter((group) => !exclude?.includes(group.id))
      .map((group) => ({ value: group.id, label: groupPathLabel(group) }));
    // The chosen groups lead the list when nothing is typed (a combobox keeps their labels
    // once it has seen them), not among the matches of a term they do not match.
    const chosen =
      term === ''
        ? selected
            .filter((id) => known.current.has(id) && !found.some((option) => option.value === id))
            .map((id) => ({ value: id, label: known.current.get(id)! }))
        : [];
    return [...chosen, ...found];
    // `known` grows with matches.data and labels.data, which are the dependencies.
  }, [fresh, matches.data, labels.data, selected, exclude, term]);

  return { options, loading: !fresh };
}
