/**
 * Every TanStack Query key in one place, so that a change invalidates exactly what it
 * changed (for example, moving a technician invalidates both groups' technician lists).
 */
export const queryKeys = {
  me: ['me'] as const,
  permissions: ['permissions'] as const,
  passwordPolicy: ['password-policy'] as const,
  groups: ['groups'] as const,
  /** Every level of the tree loaded on its own (GET /groups/roots, GET /groups/:id/children). */
  groupLevels: ['groups', 'level'] as const,
  groupLevel: (parentId: string | null) => ['groups', 'level', parentId ?? 'top'] as const,
  group: (id: string) => ['groups', id] as const,
  /** Group search (GET /groups/search): a page of matches, or the labels of chosen groups. */
  groupSearches: ['groups', 'search'] as const,
  groupSearch: (q: string) => ['groups', 'search', 'q', q] as const,
  groupLabels: (ids: readonly string[]) => ['groups', 'search', 'ids', ...ids] as const,
  groupTechnicians: (groupId: string) => ['groups', groupId, 'technicians'] as const,
  groupTechniciansPage: (groupId: string, limit: number, cursor: string | null) =>
    ['groups', groupId, 'technicians', limit, cursor ?? ''] as const,
  technicians: ['technicians'] as const,
  technician: (id: string) => ['technicians', id] as const,
  technicianSearch: (q: string) => ['technicians', 'search', q] as const,
  administrators: ['administrators'] as const,
  servicePrincipals: ['service-principals'] as const,
  scimTokens: ['scim-tokens'] as const,
  ssoSettings: ['sso-settings'] as const,
  auditSettings: ['audit-settings'] as const,
  imports: ['imports'] as const,
  import: (id: string) => ['imports', id] as const,
  importItems: (id: string, status: string) => ['imports', id, 'items', status] as const,
  /** The audit log, by its filters and page size (every change may add to any of them). */
  auditEvents: (filters: Record<string, string>, pageSize: number) =>
    ['audit-events', filters, pageSize] as const,
};
