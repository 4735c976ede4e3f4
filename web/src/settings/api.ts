import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type {
  Administrator,
  CreateAdministratorBody,
  UpdateAdministratorBody,
} from './administrator-form';
import type { PasswordPolicy } from './policy-form';
import type { CreateServicePrincipalBody } from './service-principal-form';

export { usePasswordPolicy } from '../auth/api';

const ADMINISTRATORS_PAGE = 50;

/** PUT /settings/password-policy; the answer becomes the cached policy (PasswordRules follow it). */
export function useSavePasswordPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: PasswordPolicy) =>
      data(api.PUT('/api/v1/settings/password-policy', { body: policy })),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.passwordPolicy, saved),
  });
}

/** The organization's administrators, a page at a time (GET /administrators, by name). */
export function useAdministrators() {
  return useInfiniteQuery({
    queryKey: queryKeys.administrators,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/administrators', {
          params: { query: { limit: ADMINISTRATORS_PAGE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
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
    onSuccess: (_: Administrator) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.administrators }),
        // The signed-in Master Administrator may have changed their own name or email.
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]),
  });
}

const SERVICE_PRINCIPALS_PAGE = 50;

/** The organization's service principals, newest first, a page at a time. */
export function useServicePrincipals() {
  return useInfiniteQuery({
    queryKey: queryKeys.servicePrincipals,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/service-principals', {
          params: { query: { limit: SERVICE_PRINCIPALS_PAGE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** POST /service-principals (idempotent by the public key: a retry answers the same principal). */
export function useCreateServicePrincipal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateServicePrincipalBody) =>
      data(api.POST('/api/v1/service-principals', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.servicePrincipals }),
  });
}

/** POST /service-principals/:id/disable. */
export function useDisableServicePrincipal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      data(api.POST('/api/v1/service-principals/{id}/disable', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.servicePrincipals }),
  });
}
