import type { EntityManager } from 'typeorm';
import type { TechnicianView } from '@app/contracts';
import type { Account } from '../entities/account.entity';
import type { Group } from '../entities/group.entity';
import { Technician } from '../entities/technician.entity';
import { directoryOf } from './technician-row';

export function toTechnicianView(
  account: Account,
  technician: Technician,
  group: Pick<Group, 'id' | 'permissions'>,
  mustChangePassword?: boolean,
  withDirectory = false,
): TechnicianView {
  return {
    id: account.id,
    organizationId: account.organizationId,
    groupId: group.id,
    name: account.name,
    nickname: technician.nickname,
    email: account.email,
    ssoId: account.ssoId,
    description: technician.description,
    enabled: account.enabled,
    standardLicense: technician.standardLicense,
    mobileLicense: technician.mobileLicense,
    permissions: group.permissions,
    ...(mustChangePassword === undefined ? {} : { mustChangePassword }),
    ...(withDirectory ? { directory: directoryOf(technician) } : {}),
    createdAt: account.createdAt.toISOString(),
    // Every change of a technician touches its account row, so this is the technician's too.
    updatedAt: account.updatedAt.toISOString(),
  };
}

/** A technician of the organization as the API shows it, read in one query. */
export async function technicianView(
  manager: EntityManager,
  organizationId: string,
  accountId: string,
  mustChangePassword?: boolean,
): Promise<TechnicianView> {
  // One query (find with relations would add a DISTINCT query for its implicit limit).
  const technician = await manager
    .getRepository(Technician)
    .createQueryBuilder('technician')
    .innerJoinAndSelect('technician.account', 'account')
    .innerJoinAndSelect('technician.group', 'group')
    .where('technician.account_id = :accountId AND technician.organization_id = :organizationId', {
      accountId,
      organizationId,
    })
    .getOneOrFail();
  return toTechnicianView(technician.account!, technician, technician.group!, mustChangePassword);
}
