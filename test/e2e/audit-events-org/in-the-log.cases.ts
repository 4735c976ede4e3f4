import type { AuditSession } from '../audit-events-org.e2e-spec';
import { expectEachInTheLog } from '../../support/audit-entries';
import { sharedSession } from '../../support/shared-session';

/**
 * Runs last: every change the parts before made (REST, AMQP, an import's rows, SCIM, the
 * command line) and heard on the events exchange is in the audit log once, as it was heard:
 * who, how and from where, its target by name, and its fields before and after.
 */
describe('Audit events of org: each in the audit log', () => {
  const audit = sharedSession<AuditSession>();

  it('holds every change of this organization that the parts before made, once, as heard', async () => {
    const { stack, token, master } = audit.session;
    const heard = audit.log.events.filter(
      (event) => event.organizationId === master.organizationId,
    );
    expect(heard.length).toBeGreaterThan(20);
    await expectEachInTheLog(stack, token, heard);
  });
});
