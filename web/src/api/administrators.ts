import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, cursorPaging, data, type Schemas } from './client';
import { queryKeys } from './query-keys';

export type Administrator = Schemas['AdministratorDto'];
export type AdministratorRole = Administrator['role'];
export type CreateAdministratorBody = Schemas['CreateAdministratorBody'];
/** PATCH /administrators/:id: every field optional (the password too, whatever the snapshot says). */
export type UpdateAdministratorBody = Partial<Schemas['UpdateAdministratorBody']>;

const ADMINISTRATORS_PAGE = 50;

/** The organization's administrators, a page at a time (GET /administrators, by name). */
export function useAdministrators() {
  return useInfiniteQuery({
    ...cursorPaging,
    queryKey: queryKeys.administrators,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/administrators', {
          params: { query: { limit: ADMINISTRATORS_PAGE, cursor: pageParam } },
        }),
      ),
  });
}

/** POST /administrators with the form's Idempotency-Key. */
export function useCreateAdministrator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      idempotencyKey,
    }: {
      body: CreateAdministratorBody;
      idempotencyKey: string;
    }) =>
      data(
        api.POST('/api/v1/administrators', {
          body,
          params: { header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.administrators }),
  });
}

/** PATCH /administrators/:id with only what changed. */
export function useUpdateAdministrator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateAdministratorBody }) =>
      data(
        api.PATCH('/api/v1/administrators/{id}', {
          params: { path: { id } },
          body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.administrators }),
        // The signed-in Master Administrator may have changed their own name or email.
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]),
  });
}
