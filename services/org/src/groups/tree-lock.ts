import type { EntityManager } from 'typeorm';

/**
 * The Organization Tree's lock, on the organization's row, for the rest of the transaction.
 * Groups store their path from the top, so a move rewrites the path of its whole subtree;
 * a group created meanwhile under one of those groups would keep the old path (and the
 * scope of the old ancestors). Writers of paths take the lock in the same order, before any
 * group: a move takes it exclusively, creating a group shares it with other creates.
 * (FOR NO KEY UPDATE does not block the key-share locks of inserts that refer to the
 * organization, so accounts and technicians are made meanwhile as usual.)
 */
export async function lockTree(
  manager: EntityManager,
  organizationId: string,
  mode: 'share' | 'exclusive',
): Promise<void> {
  await manager.query(
    `SELECT 1 FROM organizations WHERE id = $1 ${mode === 'share' ? 'FOR SHARE' : 'FOR NO KEY UPDATE'}`,
    [organizationId],
  );
}
