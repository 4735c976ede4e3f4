import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, type Schemas } from './client';
import { readGroupLevel } from './group-level';
import { queryKeys } from './query-keys';

/** One Technician Group (GET /groups/:id). */
export type Group = Schemas['GroupDto'];
export type Permission = Group['permissions'][number];
/** A group with its sub-groups; `childCount` when it comes from one level of the tree. */
export type GroupNode = Schemas['GroupTreeNodeDto'] & { childCount?: number };
/** A group on one level of the tree (GET /groups/roots, GET /groups/:id/children). */
export type GroupSummary = Schemas['GroupSummaryDto'];

/** The largest page the API gives (MAX_PAGE_SIZE). */
export const MAX_PAGE_SIZE = 200;

/**
 * One level of the tree, every page of it: the top (`parentId` null: GET /groups/roots, an
 * Administrator's own groups) or a group's sub-groups (GET /groups/:id/children). A level is
 * read only when it is shown, so a large organization never loads its whole tree.
 */
export function groupLevelQuery(parentId: string | null) {
  return {
    queryKey: queryKeys.groupLevel(parentId),
    queryFn: () => readGroupLevel(parentId),
  };
}

/**
 * One group (GET /groups/:id): its name and permissions. `enabled: false` while it is not
 * needed (the tree has it already); `retry: false` where a refusal or a failure alike means
 * "not shown" (the group panel says the group is not found at once).
 */
export function useGroup(groupId: string, options: { enabled?: boolean; retry?: false } = {}) {
  const { enabled = true, retry } = options;
  return useQuery({
    queryKey: queryKeys.group(groupId),
    queryFn: () => data(api.GET('/api/v1/groups/{id}', { params: { path: { id: groupId } } })),
    enabled: enabled && groupId !== '',
    ...(retry === false ? { retry } : {}),
  });
}

/**
 * The groups above `groupId`, top first, by GET /groups/:id from parent to parent: what a
 * link to a deep group opens on a tree read a level at a time. It stops where the caller's
 * sight ends (an Administrator's own groups).
 */
export function useAncestors(groupId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.group(groupId ?? ''), 'ancestors'],
    queryFn: async () => {
      const above: string[] = [];
      const parentOf = async (id: string) =>
        (await api.GET('/api/v1/groups/{id}', { params: { path: { id } } })).data?.parentId;
      let parentId = await parentOf(groupId!);
      // The tree is at most as deep as the organization allows; 100 bounds a cycle anyway.
      while (parentId && above.length < 100) {
        above.unshift(parentId);
        parentId = await parentOf(parentId);
      }
      return above;
    },
    enabled: enabled && !!groupId,
    retry: false,
    staleTime: Infinity,
  });
}

/** One page of a group's technicians (GET /groups/:id/technicians). */
export function groupTechniciansQuery(groupId: string, limit: number, cursor: string | null) {
  return {
    queryKey: queryKeys.groupTechniciansPage(groupId, limit, cursor),
    queryFn: () =>
      data(
        api.GET('/api/v1/groups/{id}/technicians', {
          params: { path: { id: groupId }, query: { limit, ...(cursor ? { cursor } : {}) } },
        }),
      ),
  };
}

/** One page of a group's technicians, the previous page shown while the next loads. */
export function useGroupTechnicians(groupId: string, limit: number, cursor: string | null) {
  return useQuery({
    ...groupTechniciansQuery(groupId, limit, cursor),
    placeholderData: (previous) => previous,
  });
}

/** Everything that shows a group: the tree's levels (names, counts), the pickers' matches and paths. */
function useInvalidateTree() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.groupSearches }),
      queryClient.invalidateQueries({ queryKey: queryKeys.groupLevels }),
    ]);
}

/** Save changes (PATCH /groups/:id). */
export function useUpdateGroup(groupId: string) {
  const invalidateTree = useInvalidateTree();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Schemas['UpdateGroupBody']) =>
      data(api.PATCH('/api/v1/groups/{id}', { params: { path: { id: groupId } }, body: changes })),
    onSuccess: async () => {
      await Promise.all([
        invalidateTree(),
        // Technicians carry their group's permissions.
        queryClient.invalidateQueries({ queryKey: queryKeys.technicians }),
      ]);
    },
  });
}

/** Create group / Create sub-group (POST /groups). */
export function useCreateGroup() {
  const invalidateTree = useInvalidateTree();
  return useMutation({
    mutationFn: (body: Schemas['CreateGroupBody']) => data(api.POST('/api/v1/groups', { body })),
    onSuccess: () => invalidateTree(),
  });
}

/** Delete group (DELETE /groups/:id); a group with technicians or sub-groups answers 409. */
export function useDeleteGroup() {
  const invalidateTree = useInvalidateTree();
  return useMutation({
    mutationFn: (groupId: string) =>
      data(api.DELETE('/api/v1/groups/{id}', { params: { path: { id: groupId } } })),
    onSuccess: () => invalidateTree(),
  });
}
