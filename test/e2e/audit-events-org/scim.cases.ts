import type { AuditSession } from '../audit-events-org.e2e-spec';
import { scimClient } from '../../support/scim';
import { sharedSession } from '../../support/shared-session';
import { LOOPBACK } from './event-log';

describe('Audit events of org: changes a directory made over SCIM', () => {
  const audit = sharedSession<AuditSession>();

  it('names the SCIM token as the principal and the directory address as the origin', async () => {
    const { log, session } = audit;
    const directory = await scimClient(session.stack.api, session.token, 'Audit directory');
    const user = await directory.newUser({ displayName: 'Sam Scim' });
    const created = await log.next('org.technician.created.v1', `technicians/${user.id}`);
    expect(created).toMatchObject({
      principal: `scim-tokens/${directory.tokenId}`,
      channel: 'scim',
      origin: expect.stringMatching(LOOPBACK),
    });
    expect(created.data).toMatchObject({
      target: { type: 'technician', id: user.id, name: 'Sam Scim' },
      groupPaths: [`/${directory.group.id}/`],
    });
  });
});
