import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, cursorPaging, data, type Schemas } from './client';
import { queryKeys } from './query-keys';

export type ServicePrincipal = Schemas['ServicePrincipalDto'];
export type ServiceScope = ServicePrincipal['scopes'][number];
export type CreateServicePrincipalBody = Schemas['CreateServicePrincipalBody'];

const SERVICE_PRINCIPALS_PAGE = 50;

/** The organization's service principals, newest first, a page at a time. */
export function useServicePrincipals() {
  return useInfiniteQuery({
    ...cursorPaging,
    queryKey: queryKeys.servicePrincipals,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/service-principals', {
          params: { query: { limit: SERVICE_PRINCIPALS_PAGE, cursor: pageParam } },
        }),
      ),
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
