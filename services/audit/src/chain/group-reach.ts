/**
 * Every group path a change is in, with each of its ancestors' (`/a/b/` gives `/a/` and
 * `/a/b/`): an Administrator who manages any of them sees the entry, so "one of the entry's
 * paths starts with one of the scope paths" becomes an array overlap, which a GIN index answers.
 */
export function groupReach(groupPaths: string[]): string[] {
  const reach = new Set<string>();
  for (const path of groupPaths) {
    const ids = path.split('/').filter(Boolean);
    for (let depth = 1; depth <= ids.length; depth++) {
      reach.add(`/${ids.slice(0, depth).join('/')}/`);
    }
  }
  return [...reach];
}
