import type { EntityManager } from 'typeorm';
import { ErrorCodes } from '@app/contracts';
import { rpcError } from '@app/platform';
import { escapeLike } from '../sql/escape-like';
import type { Group } from '../entities/group.entity';

/**
 * CONFLICT when a group of `within`'s subtree (itself included), other than `except`, has
 * this name without regard to case or surrounding spaces. The caller holds the tree's lock
 * exclusively, so that two creates of one name cannot both find it free.
 */
export async function assertNameFree(
  manager: EntityManager,
  within: Pick<Group, 'organizationId' | 'path'>,
  name: string,
  except?: string,
): Promise<void> {
  const taken: unknown[] = await manager.query(
    `SELECT 1 FROM groups
      WHERE organization_id = $1 AND path LIKE $2 AND lower(btrim(name)) = lower(btrim($3))
        AND ($4::uuid IS NULL OR id <> $4::uuid)
      LIMIT 1`,
    [within.organizationId, `${escapeLike(within.path)}%`, name, except ?? null],
  );
  if (taken.length > 0)
    throw rpcError(ErrorCodes.CONFLICT, 'a group of this subtree has this name', {
      errors: [{ field: 'name', code: 'TAKEN', message: 'a group of this subtree has this name' }],
    });
}
