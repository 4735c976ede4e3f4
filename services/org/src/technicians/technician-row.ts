import { TECHNICIAN_DEFAULTS, TechnicianFields } from '@app/contracts';
import type { Technician } from '../entities/technician.entity';
import { ssoIdOf } from './technician-conflicts';

/** The technician row of a create (single or batch), its defaults applied. */
export function technicianRow(
  fields: TechnicianFields,
  accountId: string,
  organizationId: string,
  groupId: string,
): Partial<Technician> {
  return {
    accountId,
    organizationId,
    groupId,
    nickname: fields.nickname || fields.name,
    ssoId: ssoIdOf(fields.ssoId),
    description: fields.description ?? '',
    standardLicense: fields.standardLicense ?? TECHNICIAN_DEFAULTS.standardLicense,
    mobileLicense: fields.mobileLicense ?? TECHNICIAN_DEFAULTS.mobileLicense,
  };
}
