import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { CreateTechnicianBody, Technician, UpdateTechnicianBody } from './technician-form';

/** One Technician Group (GET /groups/:id): its name and permissions. */
export function useGroup(groupId: string) {
  return useQuery({
    queryKey: queryKeys.group(groupId),
    queryFn: () => data(api.GET('/api/v1/groups/{id}', { params: { path: { id: groupId } } })),
  });
}

/** One technician (GET /technicians/:id), with the permissions of its group. */
export function useTechnician(technicianId: string) {
  return useQuery({
    queryKey: queryKeys.technician(technicianId),
    queryFn: () =>
      data(api.GET('/api/v1/technicians/{id}', { params: { path: { id: technicianId } } })),
  });
}

/** Whatever shows a group's technicians or counts: its list, and the tree's counts. */
function invalidateGroup(queryClient: ReturnType<typeof useQueryClient>, groupId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.groupTechnicians(groupId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.groups }),
    queryClient.invalidateQueries({ queryKey: queryKeys.technicians }),
  ]);
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
      await invalidateGroup(queryClient, groupId);
    },
  });
}

/** PATCH /technicians/:id (only the fields that changed). */
export function useUpdateTechnician(technician: Technician) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTechnicianBody) =>
      data(
        api.PATCH('/api/v1/technicians/{id}', {
          params: { path: { id: technician.id } },
          body,
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.technician(updated.id), (before?: Technician) => ({
        ...before,
        ...updated,
      }));
      await invalidateGroup(queryClient, updated.groupId);
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
export function useDeleteTechnician(technician: Technician) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      data(api.DELETE('/api/v1/technicians/{id}', { params: { path: { id: technician.id } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: queryKeys.technician(technician.id) });
      await invalidateGroup(queryClient, technician.groupId);
    },
  });
}

/**
 * POST /technicians/:id/move: the technician comes back in its new group with that group's
 * permissions, shown at once; both groups' lists and the tree's counts are refreshed.
 */
export function useMoveTechnician(technician: Technician) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) =>
      data(
        api.POST('/api/v1/technicians/{id}/move', {
          params: { path: { id: technician.id } },
          body: { groupId },
        }),
      ),
    onSuccess: async (moved) => {
      const from = technician.groupId;
      queryClient.setQueryData(queryKeys.technician(moved.id), (before?: Technician) => ({
        ...before,
        ...moved,
      }));
      await Promise.all([
        invalidateGroup(queryClient, from),
        invalidateGroup(queryClient, moved.groupId),
        queryClient.invalidateQueries({ queryKey: queryKeys.technician(moved.id) }),
      ]);
    },
  });
}
