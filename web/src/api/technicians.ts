import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, cursorPaging, data, type Schemas } from './client';
import { queryKeys } from './query-keys';

/** A technician as the API answers it, with the permissions of its group. */
export type Technician = Schemas['TechnicianDto'];
export type CreateTechnicianBody = Schemas['CreateTechnicianBody'];
export type UpdateTechnicianBody = Schemas['UpdateTechnicianBody'];

const SEARCH_PAGE_SIZE = 50;

/** One technician (GET /technicians/:id), with the permissions of its group. */
export function useTechnician(technicianId: string) {
  return useQuery({
    queryKey: queryKeys.technician(technicianId),
    queryFn: () =>
      data(api.GET('/api/v1/technicians/{id}', { params: { path: { id: technicianId } } })),
  });
}

/**
 * Technicians whose name or email contains `q` (any case), within the caller's scope
 * (GET /technicians?q=), a page at a time: the next page loads when asked for.
 */
export function useTechnicianSearch(q: string) {
  return useInfiniteQuery({
    ...cursorPaging,
    queryKey: queryKeys.technicianSearch(q),
    enabled: q.length > 0,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/technicians', {
          params: { query: { q, limit: SEARCH_PAGE_SIZE, cursor: pageParam } },
        }),
      ),
  });
}

/**
 * Whatever shows a group's technicians or counts: every group query (the tree, its levels,
 * each group and its technician lists) and every technician query (a technician carries its
 * group's permissions, the search lists names).
 */
function invalidateGroupsAndTechnicians(queryClient: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.groups }),
    queryClient.invalidateQueries({ queryKey: queryKeys.technicians }),
  ]);
}

/** The answer of a change to one technician, merged into its cached page at once. */
function showTechnician(queryClient: ReturnType<typeof useQueryClient>, changed: Technician) {
  queryClient.setQueryData(queryKeys.technician(changed.id), (before?: Technician) => ({
    ...before,
    ...changed,
  }));
}

/** POST /groups/:id/technicians with the form's Idempotency-Key. */
export function useCreateTechnician(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      idempotencyKey,
    }: {
      body: CreateTechnicianBody;
      idempotencyKey: string;
    }) =>
      data(
        api.POST('/api/v1/groups/{id}/technicians', {
          params: { path: { id: groupId }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: async (technician) => {
      queryClient.setQueryData(queryKeys.technician(technician.id), technician);
      await invalidateGroupsAndTechnicians(queryClient);
    },
  });
}

/** PATCH /technicians/:id (only the fields that changed). */
export function useUpdateTechnician(technicianId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTechnicianBody) =>
      data(
        api.PATCH('/api/v1/technicians/{id}', {
          params: { path: { id: technicianId } },
          body,
        }),
      ),
    onSuccess: async (updated) => {
      showTechnician(queryClient, updated);
      await invalidateGroupsAndTechnicians(queryClient);
    },
  });
}

/** POST /technicians/:id/password (204; the policy decides whether it must be changed). */
export function useResetPassword(technicianId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      data(
        api.POST('/api/v1/technicians/{id}/password', {
          params: { path: { id: technicianId } },
          body: { password },
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.technician(technicianId) }),
  });
}

/** DELETE /technicians/:id. */
export function useDeleteTechnician(technicianId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      data(api.DELETE('/api/v1/technicians/{id}', { params: { path: { id: technicianId } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: queryKeys.technician(technicianId) });
      await invalidateGroupsAndTechnicians(queryClient);
    },
  });
}

export interface MoveTechnician {
  /** The technician to move: its id, and the group it is in now. */
  technician: Pick<Technician, 'id' | 'groupId'>;
  /** The group to move it to. */
  groupId: string;
}

/**
 * Move to Technician Group (POST /technicians/:id/move), from the tree (drag and drop) and
 * from the technician's page. The technician comes back in its new group with that group's
 * permissions, shown at once. Then, whether the move succeeded or not (a failure may have
 * moved it all the same), everything that shows either group is read again: the tree and
 * its levels (counts), both groups and their technician lists, the technician itself and
 * every technician list (search).
 */
export function useMoveTechnician() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ technician, groupId }: MoveTechnician) =>
      data(
        api.POST('/api/v1/technicians/{id}/move', {
          params: { path: { id: technician.id } },
          body: { groupId },
        }),
      ),
    onSuccess: (moved) => showTechnician(queryClient, moved),
    onSettled: () => invalidateGroupsAndTechnicians(queryClient),
  });
}
