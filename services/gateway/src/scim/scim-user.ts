import { DirectoryEmail, DirectoryName, DirectoryProfile, TechnicianView } from '@app/contracts';
import { withoutUndefined } from '@app/platform';
import { directoryProfileOf } from './scim-user-directory';
import { flag, invalidValue, isObject } from './scim-user-values';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** Where the seed's fields that SCIM's core has no place for live on a User. */
export const TECHNICIAN_EXTENSION = 'urn:rac:params:scim:schemas:extension:technician:2.0:User';
export const ENTERPRISE_EXTENSION = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface ScimUser {
  schemas: string[];
  id: string;
  userName: string;
  displayName: string;
  nickName: string;
  active: boolean;
  externalId?: string;
  emails: DirectoryEmail[];
  name: DirectoryName;
  [TECHNICIAN_EXTENSION]: {
    ssoId: string | null;
    description: string;
    standardLicense: boolean;
    mobileLicense: boolean;
  };
  meta: { resourceType: 'User'; created: string; lastModified: string; location: string };
}

/** What a User says of a technician: the fields of org's create and update commands. */
export interface TechnicianFieldsOfUser {
  name: string;
  nickname?: string;
  email: string;
  ssoId?: string;
  description?: string;
  enabled?: boolean;
  standardLicense?: boolean;
  mobileLicense?: boolean;
  directory: DirectoryProfile;
}

/**
 * A technician as a SCIM User (`userName` = the sign-in email, `active` = Enabled), with
 * `externalId`, `emails` and `name` as its directory sent them (else the email and the Name).
 */
export function toScimUser(technician: TechnicianView, baseUrl: string): ScimUser {
  const directory = technician.directory ?? {};
  return {
    schemas: [USER_SCHEMA, TECHNICIAN_EXTENSION],
    id: technician.id,
    ...(directory.externalId === undefined ? {} : { externalId: directory.externalId }),
    userName: technician.email,
    displayName: technician.name,
    nickName: technician.nickname,
    active: technician.enabled,
    emails: directory.emails ?? [{ value: technician.email, type: 'work', primary: true }],
    name: directory.name ?? { formatted: technician.name },
    [TECHNICIAN_EXTENSION]: {
      ssoId: technician.ssoId,
      description: technician.description,
      standardLicense: technician.standardLicense,
      mobileLicense: technician.mobileLicense,
    },
    meta: {
      resourceType: 'User',
      created: technician.createdAt,
      lastModified: technician.updatedAt,
      location: `${baseUrl}/Users/${technician.id}`,
    },
  };
}

/**
 * The technician a User describes. `displayName` is the Name, or else `name.formatted`,
 * `name.givenName` and `name.familyName`, or else `userName`. Entra ID's "True"/"False" are
 * booleans. Values are checked by org's commands, as any other technician's.
 */
export function technicianFieldsOf(user: unknown): TechnicianFieldsOfUser {
  if (!isObject(user)) throw invalidValue('the body must be a SCIM User object');
  const userName = user.userName;
  if (typeof userName !== 'string' || userName.trim() === '')
    throw invalidValue('userName is required', 'userName');
  const name = isObject(user.name) ? user.name : {};
  const given = [name.givenName, name.familyName].filter((part) => typeof part === 'string');
  const displayName =
    text(user.displayName) ?? text(name.formatted) ?? (given.length ? given.join(' ') : userName);
  const extension = isObject(user[TECHNICIAN_EXTENSION]) ? user[TECHNICIAN_EXTENSION] : {};
  return withoutUndefined({
    name: displayName,
    nickname: text(user.nickName),
    email: userName,
    ssoId: text(extension.ssoId),
    description: typeof extension.description === 'string' ? extension.description : undefined,
    enabled: flag(user.active, 'active'),
    standardLicense: flag(extension.standardLicense, `${TECHNICIAN_EXTENSION}:standardLicense`),
    mobileLicense: flag(extension.mobileLicense, `${TECHNICIAN_EXTENSION}:mobileLicense`),
    directory: directoryProfileOf(user),
  });
}

/**
 * The User's password if it sent one; undefined if not: the technician then has no
 * password, and none signs it in until an administrator sets one.
 */
export function passwordOf(user: Record<string, unknown>): string | undefined {
  if (user.password === undefined || user.password === null) return undefined;
  if (typeof user.password !== 'string')
    throw invalidValue('password must be a string', 'password');
  return user.password;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
