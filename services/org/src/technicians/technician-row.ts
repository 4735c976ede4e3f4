import { DirectoryProfile, TECHNICIAN_DEFAULTS, TechnicianFields } from '@app/contracts';
import { withoutUndefined } from '@app/platform';
import type { Technician } from '../entities/technician.entity';

/** The technician row of a create (single or batch), its defaults applied (the SSO ID is the account's). */
export function technicianRow(
  fields: TechnicianFields,
  accountId: string,
  organizationId: string,
  groupId: string,
  directory?: DirectoryProfile,
): Partial<Technician> {
  return {
    accountId,
    organizationId,
    groupId,
    nickname: fields.nickname || fields.name,
    description: fields.description ?? '',
    standardLicense: fields.standardLicense ?? TECHNICIAN_DEFAULTS.standardLicense,
    mobileLicense: fields.mobileLicense ?? TECHNICIAN_DEFAULTS.mobileLicense,
    ...directoryColumns(directory),
  };
}

/** The columns of what a directory said (nothing when it said nothing). */
export function directoryColumns(
  directory: DirectoryProfile | undefined,
): Pick<Technician, 'externalId' | 'directoryProfile'> | Record<string, never> {
  if (!directory) return {};
  const { externalId, emails, name } = directory;
  return {
    externalId: externalId ?? null,
    directoryProfile: withoutUndefined({ emails, name }),
  };
}

/** What a directory said of a technician, or null if none did. */
export function directoryOf(technician: Technician): DirectoryProfile | null {
  if (technician.externalId === null && technician.directoryProfile === null) return null;
  return withoutUndefined({
    externalId: technician.externalId ?? undefined,
    ...(technician.directoryProfile ?? {}),
  });
}
