import type { DirectoryEmail, DirectoryName, DirectoryProfile } from '@app/contracts';
import { flag, invalidValue, isObject } from './scim-user-values';

export const NAME_PARTS = [
  'formatted',
  'familyName',
  'givenName',
  'middleName',
  'honorificPrefix',
  'honorificSuffix',
] as const;

/**
 * What a User says that a technician's own fields have no place for (`externalId`, `emails`,
 * `name`), to be kept as sent: org checks the lengths, this only the shapes. Attributes a
 * directory sends that SCIM's core does not define for them are dropped.
 */
export function directoryProfileOf(user: Record<string, unknown>): DirectoryProfile {
  const profile: DirectoryProfile = {};
  if (user.externalId !== undefined && user.externalId !== null) {
    if (typeof user.externalId !== 'string')
      throw invalidValue('externalId must be a string', 'externalId');
    profile.externalId = user.externalId;
  }
  if (user.emails !== undefined && user.emails !== null) profile.emails = emailsOf(user.emails);
  if (user.name !== undefined && user.name !== null) profile.name = nameOf(user.name);
  return profile;
}

function emailsOf(emails: unknown): DirectoryEmail[] {
  if (!Array.isArray(emails)) throw invalidValue('emails must be an array', 'emails');
  return emails.map((email, i) => {
    const field = `emails[${i}]`;
    if (!isObject(email) || typeof email.value !== 'string')
      throw invalidValue(`${field} must be an object with a string value`, `${field}.value`);
    const kept: DirectoryEmail = { value: email.value };
    for (const key of ['type', 'display'] as const) {
      if (email[key] === undefined || email[key] === null) continue;
      if (typeof email[key] !== 'string')
        throw invalidValue(`${field}.${key} must be a string`, `${field}.${key}`);
      kept[key] = email[key];
    }
    const primary = flag(email.primary, `${field}.primary`);
    if (primary !== undefined) kept.primary = primary;
    return kept;
  });
}

function nameOf(name: unknown): DirectoryName {
  if (!isObject(name)) throw invalidValue('name must be an object', 'name');
  const kept: DirectoryName = {};
  for (const part of NAME_PARTS) {
    if (name[part] === undefined || name[part] === null) continue;
    if (typeof name[part] !== 'string')
      throw invalidValue(`name.${part} must be a string`, `name.${part}`);
    kept[part] = name[part];
  }
  return kept;
}
