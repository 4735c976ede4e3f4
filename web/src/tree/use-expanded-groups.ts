import { useCallback, useEffect, useState } from 'react';

const EXPANDED_KEY = 'rac.tree.expanded';

function loadExpanded(): Set<string> {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(EXPANDED_KEY) ?? '[]');
    return new Set(Array.isArray(saved) ? saved.filter((id) => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

/** The groups open on the tree, kept for the tab's session (sessionStorage). */
export function useExpandedGroups() {
  const [expanded, setExpanded] = useState<Set<string>>(loadExpanded);

  useEffect(() => {
    sessionStorage.setItem(EXPANDED_KEY, JSON.stringify([...expanded]));
  }, [expanded]);

  /** Opens groups (after creating a sub-group in one, or above a selected one). */
  const expand = useCallback((...ids: string[]) => {
    setExpanded((open) => (ids.every((id) => open.has(id)) ? open : new Set([...open, ...ids])));
  }, []);

  const toggle = useCallback((id: string, open: boolean) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  return { expanded, expand, toggle };
}
