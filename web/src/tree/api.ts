import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, type Schemas } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { LoadedTechnicians } from './tree-rows';

export type Group = Schemas['GroupDto'];
export type Permission = Group['permissions'][number];
export type Technician = Schemas['TechnicianDto'];
export type TechnicianPage = Schemas['TechnicianPageDto'];

/** The permission names a group may grant (GET /permissions). */
export function usePermissions() {
  return useQuery({
    queryKey: queryKeys.permissions,
    queryFn: () => data(api.GET('/api/v1/permissions')),
    staleTime: Infinity,
  });
}

function fetchTechnicianPage(groupId: string, limit: number, cursor: string | null) {
  return data(
    api.GET('/api/v1/groups/{id}/technicians', {
      params: { path: { id: groupId }, query: { limit, ...(cursor ? { cursor } : {}) } },
    }),
  );
}

/** One page of a group's technicians (GET /groups/:id/technicians), for the panel's table. */
export function useTechnicianPage(groupId: string, limit: number, cursor: string | null) {
  return useQuery({
    queryKey: queryKeys.groupTechniciansPage(groupId, limit, cursor),
    queryFn: () => fetchTechnicianPage(groupId, limit, cursor),
    placeholderData: (previous) => previous,
  });
}

/** Technicians per page on the tree (the API's largest page). */
export const TREE_PAGE_SIZE = 200;

/**
 * The technicians of the open groups, for the tree: for each group, the pages asked for so
 * far (`cursors`: null for the first page, then each "Show more" adds the next cursor).
 * Only open groups are loaded, a page at a time.
 */
export function useTreeTechnicians(
  cursors: Record<string, (string | null)[]>,
): Map<string, LoadedTechnicians> {
  const pages = Object.entries(cursors).flatMap(([groupId, list]) =>
    list.map((cursor) => ({ groupId, cursor })),
  );
  return useQueries({
    queries: pages.map(({ groupId, cursor }) => ({
      queryKey: queryKeys.groupTechniciansPage(groupId, TREE_PAGE_SIZE, cursor),
      queryFn: () => fetchTechnicianPage(groupId, TREE_PAGE_SIZE, cursor),
    })),
    combine: (results) => {
      const byGroup = new Map<string, LoadedTechnicians>();
      results.forEach((result, i) => {
        const { groupId } = pages[i];
        const loaded = byGroup.get(groupId) ?? {
          items: [],
          nextCursor: null,
          loading: false,
          failed: false,
        };
        if (result.data) {
          loaded.items.push(
            ...result.data.items.map((tech) => ({
              id: tech.id,
              name: tech.name,
              email: tech.email,
              enabled: tech.enabled,
              groupId: tech.groupId,
            })),
          );
          loaded.nextCursor = result.data.nextCursor;
        }
        if (result.isPending) loaded.loading = true;
        if (result.isError && !result.data) loaded.failed = true;
        byGroup.set(groupId, loaded);
      });
      return byGroup;
    },
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

/** One group (GET /groups/:id), for a group the tree has not read yet. */
export function useGroup(groupId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.group(groupId),
    queryFn: () => data(api.GET('/api/v1/groups/{id}', { params: { path: { id: groupId } } })),
    enabled: enabled && groupId !== '',
    retry: false,
  });
}

/** Everything that shows a group: the tree and its levels (names, counts), the pickers' tree. */
function useInvalidateTree() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.groups, exact: true }),
      queryClient.invalidateQueries({ queryKey: queryKeys.groupLevels }),
    ]);
}

export interface GroupChanges {
  name: string;
  description: string;
  permissions: Permission[];
}

/** Save changes (PATCH /groups/:id). */
export function useUpdateGroup(groupId: string) {
  const invalidateTree = useInvalidateTree();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: GroupChanges) =>
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
    mutationFn: (body: { name: string; description?: string; parentId?: string }) =>
      data(api.POST('/api/v1/groups', { body })),
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

/**
 * Moves a technician to another group (POST /technicians/:id/move): both groups' lists, the
 * tree's counts and the technician itself (its permissions are the new group's) change.
 */
export function useMoveTechnician() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      technicianId,
      groupId,
    }: {
      technicianId: string;
      groupId: string;
      from: string;
    }) =>
      data(
        api.POST('/api/v1/technicians/{id}/move', {
          params: { path: { id: technicianId } },
          body: { groupId },
        }),
      ),
    onSettled: async (_answer, _error, { technicianId, groupId, from }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.groups, exact: true }),
        queryClient.invalidateQueries({ queryKey: queryKeys.groupLevels }),
        queryClient.invalidateQueries({ queryKey: queryKeys.groupTechnicians(from) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.groupTechnicians(groupId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.technician(technicianId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.technicians }),
      ]);
    },
  });
}
