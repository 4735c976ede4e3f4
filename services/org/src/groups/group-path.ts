import { GROUP_PATH_MAX_NAMES } from '@app/contracts';

/** The ids of a materialized path, `/<root>/.../<group>/`, top first. */
function idsOf(path: string): string[] {
  return path.split('/').filter((id) => id !== '');
}

/**
 * The ids a match's path shows: from the top the caller may see (for an Administrator, the
 * highest of its own groups above the match) down to the match, the nearest
 * GROUP_PATH_MAX_NAMES of them.
 */
export function visibleLine(path: string, scopePaths: string[]): { ids: string[]; cut: boolean } {
  const ids = idsOf(path);
  const tops = scopePaths.filter((top) => path.startsWith(top)).map((top) => idsOf(top).length);
  const from = tops.length > 0 ? Math.min(...tops) - 1 : 0;
  const nearest = ids.length - GROUP_PATH_MAX_NAMES;
  return { ids: ids.slice(Math.max(from, nearest)), cut: nearest > from };
}
