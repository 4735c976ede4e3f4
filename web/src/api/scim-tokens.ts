import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, type Schemas } from './client';
import { queryKeys } from './query-keys';

export type ScimToken = Schemas['ScimTokenDto'];
export type CreatedScimToken = Schemas['CreatedScimTokenDto'];
export type CreateScimTokenBody = Schemas['CreateScimTokenBody'];

/** The organization's SCIM tokens not revoked, newest first (a handful: one page). */
export function useScimTokens() {
  return useQuery({
    queryKey: queryKeys.scimTokens,
    queryFn: () => data(api.GET('/api/v1/scim/tokens')),
  });
}

/** POST /scim/tokens: the answer holds the token, shown once. */
export function useCreateScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateScimTokenBody) => data(api.POST('/api/v1/scim/tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.scimTokens }),
  });
}

/** DELETE /scim/tokens/:id: refused from the next request on. */
export function useRevokeScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      data(api.DELETE('/api/v1/scim/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.scimTokens }),
  });
}
