import type {
  Administrator,
  AdministratorRole,
  CreateAdministratorBody,
  UpdateAdministratorBody,
} from '../api/administrators';
import { ApiProblem } from '../api/client';

export const ROLES: readonly AdministratorRole[] = ['admin', 'master_admin'];

export interface AdministratorFormValues {
  name: string;
  email: string;
  /** The Single Sign-On ID; '' for none. */
  ssoId: string;
  /** On create: the password; on edit: a new password, or '' to keep the current one. */
  password: string;
  role: AdministratorRole;
  groupIds: string[];
  enabled: boolean;
}

export function emptyAdministratorForm(): AdministratorFormValues {
  return {
    name: '',
    email: '',
    ssoId: '',
    password: '',
    role: 'admin',
    groupIds: [],
    enabled: true,
  };
}

export function administratorToForm(administrator: Administrator): AdministratorFormValues {
  return {
    name: administrator.name,
    email: administrator.email,
    ssoId: administrator.ssoId ?? '',
    password: '',
    role: administrator.role,
    groupIds: [...administrator.groupIds],
    enabled: administrator.enabled,
  };
}

/** A Master Administrator reaches the whole organization: assigned groups are an Administrator's only. */
function groupsOf(values: AdministratorFormValues): string[] {
  return values.role === 'admin' ? values.groupIds : [];
}

export function toCreateBody(values: AdministratorFormValues): CreateAdministratorBody {
  const ssoId = values.ssoId.trim();
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    ...(ssoId ? { ssoId } : {}),
    password: values.password,
    role: values.role,
    groupIds: groupsOf(values),
  };
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Only what changed (so that a PATCH never rewrites what the administrator did not touch). */
export function toUpdateBody(
  original: Administrator,
  values: AdministratorFormValues,
): UpdateAdministratorBody {
  const body: UpdateAdministratorBody = {};
  const name = values.name.trim();
  const email = values.email.trim();
  if (name !== original.name) body.name = name;
  if (email !== original.email) body.email = email;
  // '' removes it.
  const ssoId = values.ssoId.trim();
  if (ssoId !== (original.ssoId ?? '')) body.ssoId = ssoId;
  if (values.role !== original.role) body.role = values.role;
  const groupIds = groupsOf(values);
  if (values.role !== original.role || !sameSet(groupIds, original.groupIds)) {
    body.groupIds = groupIds;
  }
  if (values.enabled !== original.enabled) body.enabled = values.enabled;
  if (values.password) body.password = values.password;
  return body;
}

export type AdministratorFieldErrorKey =
  'nameRequired' | 'emailRequired' | 'emailInvalid' | 'passwordRequired' | 'groupsRequired';

/** What the browser can tell before sending; the server stays the judge of the rest. */
export function validateAdministratorForm(
  values: AdministratorFormValues,
  mode: 'create' | 'edit',
): Partial<Record<keyof AdministratorFormValues, AdministratorFieldErrorKey>> {
  const errors: Partial<Record<keyof AdministratorFormValues, AdministratorFieldErrorKey>> = {};
  if (!values.name.trim()) errors.name = 'nameRequired';
  const email = values.email.trim();
  if (!email) errors.email = 'emailRequired';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = 'emailInvalid';
  if (mode === 'create' && !values.password) errors.password = 'passwordRequired';
  if (values.role === 'admin' && values.groupIds.length === 0) errors.groupIds = 'groupsRequired';
  return errors;
}

/**
 * The API's refusal to leave an organization without an enabled Master Administrator
 * (org's AdministratorsService.assertAnotherMaster answers 409 CONFLICT).
 */
export function isLastMasterRefusal(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 409 && error.code === 'CONFLICT';
}
