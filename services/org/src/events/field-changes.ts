import type { FieldChange } from '@app/contracts';

/**
 * The fields that differ between two views of one thing, each with its value before and
 * after (arrays and objects compared by value, so that permissions or groupIds sent again in
 * the same order are no change). `fields`: the REST names to compare, in the order shown.
 */
export function fieldChanges<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  return fields
    .filter((field) => !sameValue(before[field], after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A group's parent's path (`/a/b/` of `/a/b/c/`), or undefined for a group at the top. */
export function parentPath(path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 1 ? `/${parts.slice(0, -1).join('/')}/` : undefined;
}

/** The paths of a group's move: its old and new own path, and its old and new parent's, once each. */
export function movePaths(fromPath: string, toPath: string): string[] {
  return [
    ...new Set(
      [fromPath, toPath, parentPath(fromPath), parentPath(toPath)].filter(
        (path): path is string => path !== undefined,
      ),
    ),
  ];
}
