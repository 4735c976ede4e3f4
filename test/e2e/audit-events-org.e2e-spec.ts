/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { otherTeamSession } from '../support/other-team-service';
import { provideSession } from '../support/shared-session';
import { EventLog } from './audit-events-org/event-log';

/**
 * The audit log's raw material: every change org makes publishes its event with who made it
 * (principal), how and from where (channel, origin), what it was made to (target, with its
 * name as at the time), where in the tree (groupPaths) and its fields before and after.
 * Heard as the audit service hears them, on a queue bound to the events exchange. Parts in
 * ./audit-events-org/: REST, administrators and the organization's other principals, and
 * AMQP and imports, SCIM.
 */
describe('Audit events of org: every change, who, how, from where, and what changed', () => {
  const team = otherTeamSession('auditorg');
  const shared = { ...team, log: undefined as unknown as EventLog };
  beforeAll(async () => {
    shared.log = await EventLog.listen(team.session.broker, team.session.stack.env.prefix);
  });
  provideSession(shared);
  require('./audit-events-org/rest.cases');
  require('./audit-events-org/principals.cases');
  require('./audit-events-org/amqp-import.cases');
  require('./audit-events-org/scim.cases');
  require('./audit-events-org/in-the-log.cases');
});

export type AuditSession = ReturnType<typeof otherTeamSession> & { log: EventLog };
