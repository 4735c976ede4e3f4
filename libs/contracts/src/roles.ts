export const Roles = {
  MASTER_ADMIN: 'master_admin',
  ADMIN: 'admin',
  TECHNICIAN: 'technician',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];
export const ALL_ROLES: readonly Role[] = Object.values(Roles);
export const ADMIN_ROLES: readonly Role[] = [Roles.MASTER_ADMIN, Roles.ADMIN];
