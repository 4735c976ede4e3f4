import { OutboxEvent } from '@app/platform';
import { Account } from '../entities/account.entity';
import { AdministratorGroup } from '../entities/administrator-group.entity';
import { Group } from '../entities/group.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { Initial1795568623263 } from '../migrations/1795568623263-Initial';
import { AccountDeletedBy1796089694106 } from '../migrations/1796089694106-AccountDeletedBy';
import { ServicePrincipals1796091458392 } from '../migrations/1796091458392-ServicePrincipals';
import { IdempotencyPasswordDigest1796300000000 } from '../migrations/1796300000000-IdempotencyPasswordDigest';
import { EndedSessions1796582409263 } from '../migrations/1796582409263-EndedSessions';
import { ServicePrincipalsVisibleAndUnreplayable1796584178467 } from '../migrations/1796584178467-ServicePrincipalsVisibleAndUnreplayable';
import { ScimTokens1796605552436 } from '../migrations/1796605552436-ScimTokens';
import { TechnicianDirectoryProfile1796617919668 } from '../migrations/1796617919668-TechnicianDirectoryProfile';
import { AccountSsoId1796627078000 } from '../migrations/1796627078000-AccountSsoId';
import { AccountDeletedVia1796700000000 } from '../migrations/1796700000000-AccountDeletedVia';
import { GroupSearch1796800000000 } from '../migrations/1796800000000-GroupSearch';
import { GroupNameTrigramUpdatedAtOnce1796900000000 } from '../migrations/1796900000000-GroupNameTrigramUpdatedAtOnce';
import { NaturalSortCollation1796800000001 } from '../migrations/1796800000001-NaturalSortCollation';
import { NormalizedColumnsAsText1795572222730 } from '../migrations/1795572222730-NormalizedColumnsAsText';
import { TechnicianSearchTrigrams1795580000000 } from '../migrations/1795580000000-TechnicianSearchTrigrams';
import { SessionsAndLastingIdempotencyKeys1796042150329 } from '../migrations/1796042150329-SessionsAndLastingIdempotencyKeys';
import { Organization } from '../entities/organization.entity';
import { ServiceAssertionUse } from '../service-principals/service-assertion-use.entity';
import { ScimToken } from '../entities/scim-token.entity';
import { ServicePrincipal } from '../entities/service-principal.entity';
import { EndedSession } from '../sessions/ended-session.entity';
import { Technician } from '../entities/technician.entity';

export const entities = [
  Organization,
  Account,
  Group,
  Technician,
  AdministratorGroup,
  IdempotencyKey,
  OutboxEvent,
  ServicePrincipal,
  ServiceAssertionUse,
  EndedSession,
  ScimToken,
];
export const migrations = [
  Initial1795568623263,
  NormalizedColumnsAsText1795572222730,
  TechnicianSearchTrigrams1795580000000,
  SessionsAndLastingIdempotencyKeys1796042150329,
  AccountDeletedBy1796089694106,
  ServicePrincipals1796091458392,
  IdempotencyPasswordDigest1796300000000,
  EndedSessions1796582409263,
  ServicePrincipalsVisibleAndUnreplayable1796584178467,
  ScimTokens1796605552436,
  TechnicianDirectoryProfile1796617919668,
  AccountSsoId1796627078000,
  AccountDeletedVia1796700000000,
  GroupSearch1796800000000,
  NaturalSortCollation1796800000001,
  GroupNameTrigramUpdatedAtOnce1796900000000,
];
