/**
 * The kinds of audited events, grouped as the Audit log's "What" filter offers them. Each
 * group can be chosen as a whole (its prefix ending in `*`, which the API takes) or one type.
 */
export const EVENT_KIND_GROUPS = [
  {
    group: 'technicians',
    prefix: 'org.technician.*',
    types: [
      'org.technician.created.v1',
      'org.technician.updated.v1',
      'org.technician.moved.v1',
      'org.technician.password-reset.v1',
      'org.technician.deleted.v1',
    ],
  },
  {
    group: 'groups',
    prefix: 'org.group.*',
    types: [
      'org.group.created.v1',
      'org.group.updated.v1',
      'org.group.moved.v1',
      'org.group.deleted.v1',
    ],
  },
  {
    group: 'administrators',
    prefix: 'org.administrator.*',
    types: ['org.administrator.created.v1', 'org.administrator.updated.v1'],
  },
  {
    group: 'settings',
    prefix: undefined,
    types: [
      'identity.password-policy.updated.v1',
      'identity.sso-settings.updated.v1',
      'audit.settings.updated.v1',
      'org.organization.created.v1',
    ],
  },
  {
    group: 'integrations',
    prefix: undefined,
    types: [
      'org.service-principal.created.v1',
      'org.service-principal.disabled.v1',
      'org.scim-token.created.v1',
      'org.scim-token.revoked.v1',
    ],
  },
  {
    group: 'imports',
    prefix: 'import.*',
    types: ['import.started.v1', 'import.completed.v1', 'import.cancelled.v1'],
  },
  {
    group: 'signIns',
    prefix: undefined,
    types: [
      'identity.sign-in.succeeded.v1',
      'identity.sign-in.failed.v1',
      'identity.sign-in.locked-out.v1',
      'identity.password.changed.v1',
    ],
  },
] as const;

/** The i18n key of a type (its dots would nest): `org.technician.updated.v1` → `org_technician_updated`. */
export function typeKey(type: string): string {
  return type
    .replace(/\.v\d+$/, '')
    .replace(/\.\*$/, '_all')
    .replace(/[.-]/g, '_');
}
