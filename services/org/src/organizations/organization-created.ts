import type { EntityManager } from 'typeorm';
import {
  AdministratorCreatedEvent,
  AdministratorRole,
  EventPatterns,
  OrganizationCreatedEvent,
} from '@app/contracts';
import type { EventOrigin, Outbox } from '@app/platform';
import type { Account } from '../entities/account.entity';
import type { Organization } from '../entities/organization.entity';

/**
 * The events of a new organization (org:create, the bootstrap): the organization, and its
 * first Master Administrator, in the transaction that makes the administrator active.
 */
export async function publishOrganizationCreated(
  outbox: Outbox,
  manager: EntityManager,
  origin: EventOrigin,
  organization: Pick<Organization, 'id' | 'name'>,
  administrator: Account,
): Promise<void> {
  await outbox.add(manager, EventPatterns.organizationCreated, origin, {
    target: { type: 'organization', id: organization.id, name: organization.name },
    groupPaths: [],
    organization: { id: organization.id, name: organization.name },
    administratorId: administrator.id,
  } satisfies OrganizationCreatedEvent);
  await outbox.add(manager, EventPatterns.administratorCreated, origin, {
    target: { type: 'administrator', id: administrator.id, name: administrator.name },
    groupPaths: [],
    administrator: {
      id: administrator.id,
      name: administrator.name,
      email: administrator.email,
      ssoId: administrator.ssoId ?? null,
      role: administrator.role as AdministratorRole,
      groupIds: [],
      enabled: administrator.enabled,
    },
  } satisfies AdministratorCreatedEvent);
}
