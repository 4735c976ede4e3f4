import { EntityManager } from 'typeorm';

/** BullMQ's largest priority (a lower number runs first; a job without one would run before all). */
export const MAX_JOB_PRIORITY = 2_097_151;

/**
 * Where a new import's rows start in the queue's order, so that organizations importing at
 * once are served in turn, and one organization's imports one after the other:
 * - an organization's next import starts after the last row of its unfinished ones
 *   (its imports keep their upload order);
 * - but never before the queue's present position, the least advanced unfinished import's
 *   next row: an organization that starts importing joins in turn with those importing
 *   now, rather than first (it would stall them) or last (behind thousands of rows).
 * A batch's job priority is this base plus its first row's number. Two uploads computing it at the
 * same moment get the same base, and their rows then alternate: fair still.
 */
export async function priorityBaseOfNewImport(
  manager: EntityManager,
  organizationId: string,
): Promise<number> {
  const [position] = await manager.query<{ organization_end: number; queue_now: number }[]>(
    `SELECT COALESCE(MAX(priority_base + total) FILTER (WHERE organization_id = $1), 0)::int AS organization_end,
            COALESCE(MIN(priority_base + processed), 0)::int AS queue_now
       FROM imports
      WHERE status IN ('queued', 'running')`,
    [organizationId],
  );
  return Math.max(position.organization_end, position.queue_now);
}

/** The job priority of a batch starting at `row`; past BullMQ's range, batches keep their order among themselves only. */
export function rowPriority(priorityBase: number, row: number): number {
  return Math.min(Math.max(priorityBase + row, 1), MAX_JOB_PRIORITY);
}
