import type { FieldChange } from '@app/contracts';

/**
 * The fields whose values differ between two readings of a thing, in the order given, each
 * with its value before and after (compared as JSON: arrays and objects by content).
 */
export function fieldChanges<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  return fields.flatMap((field) => {
    const was = before[field] ?? null;
    const is = after[field] ?? null;
    return JSON.stringify(was) === JSON.stringify(is) ? [] : [{ field, before: was, after: is }];
  });
}
