import { IdentityEventPatterns, ImportEventPatterns, OrgEventPatterns } from '../patterns';
import type { EventEntry, PatternsOf } from './catalog-entry';

/**
 * Every event of the contract, by the service that publishes it, with its data's type (the
 * source of the AsyncAPI document's events). Each carries the `AuditedChange` fields (target,
 * groupPaths, changes) the audit log reads.
 */
export const ORG_EVENTS: Record<PatternsOf<typeof OrgEventPatterns>, EventEntry> = {
  [OrgEventPatterns.technicianCreated]: {
    data: 'TechnicianCreatedEvent',
    summary: 'A technician exists now, with its credential.',
  },
  [OrgEventPatterns.technicianUpdated]: {
    data: 'TechnicianUpdatedEvent',
    summary: "A technician's fields changed (names in `changed`).",
  },
  [OrgEventPatterns.technicianMoved]: {
    data: 'TechnicianMovedEvent',
    summary: 'A technician moved to another group, whose permissions it now has.',
  },
  [OrgEventPatterns.technicianDeleted]: {
    data: 'TechnicianDeletedEvent',
    summary: 'A technician is gone, its credential revoked.',
  },
};

export const IDENTITY_EVENTS: Record<PatternsOf<typeof IdentityEventPatterns>, EventEntry> = {};

export const IMPORT_EVENTS: Record<PatternsOf<typeof ImportEventPatterns>, EventEntry> = {
  [ImportEventPatterns.importCompleted]: {
    data: 'ImportCompletedEvent',
    summary: 'Every row of an import has ended.',
  },
};
