import { randomUUID } from 'node:crypto';
import { commandQueueName, EventPatterns, IdentityPatterns, OrgPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { otherTeamSession } from '../support/other-team-service';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  signInChangingPassword,
} from '../support/fixtures';

/**
 * Other teams' services on the queues: they are not our services (no `user_id` of ours),
 * so they may send only the public messages, and those that act for an administrator only
 * with that administrator's token, whose claims replace whatever `actor` they wrote.
 */
describe('Principals: who may send what over RabbitMQ, for an administrator', () => {
  const { session, createCommand, asOtherService, technicianCount } =
    otherTeamSession('principals-tokens');

  it('refuses an actor named without proof: UNAUTHENTICATED, and nothing is created', async () => {
    const command = createCommand();
    const reply = await asOtherService(session.orgQueue, OrgPatterns.technicianCreate, command);
    expect(reply.err).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await technicianCount(command.email)).toBe(0);

    const forged = await asOtherService(
      session.orgQueue,
      OrgPatterns.technicianCreate,
      createCommand(),
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    );
    expect(forged.err).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("refuses the messages between this product's own services: FORBIDDEN", async () => {
    const reply = await asOtherService(
      commandQueueName(session.stack.env.prefix, 'identity'),
      IdentityPatterns.credentialRevoke,
      { accountId: session.master.accountId },
      session.token,
    );
    expect(reply.err).toMatchObject({ code: 'FORBIDDEN' });
    // The Master Administrator still signs in: nothing was revoked.
    expect(await session.stack.adminToken()).toEqual(expect.any(String));
  });

  it('creates with an administrator token, as that administrator whatever the payload claims', async () => {
    const command = createCommand({
      actor: { accountId: randomUUID(), organizationId: randomUUID(), role: 'master_admin' },
    });
    const spy = await session.broker.spyOnEvents(
      session.stack.env.prefix,
      EventPatterns.technicianCreated,
    );

    const reply = await asOtherService(
      session.orgQueue,
      OrgPatterns.technicianCreate,
      command,
      session.token,
    );
    expect(reply.err).toBeUndefined();
    expect(reply.response).toMatchObject({
      email: command.email,
      organizationId: session.master.organizationId,
    });

    // The event names the administrator the service acted for.
    const id = (reply.response as { id: string }).id;
    const event = await session.broker.eventAbout(spy, `technicians/${id}`);
    expect(event.properties.headers?.['cloudEvents:principal']).toBe(
      `accounts/${session.master.accountId}`,
    );
  });

  it("refuses what the token's administrator may not do: FORBIDDEN_GROUP, FORBIDDEN", async () => {
    const other = await createGroup(session.stack.api, session.token, { permissions: ['Chat'] });
    const admin = await createAdministrator(session.stack.api, session.token, {
      groupIds: [other.id],
    });
    const adminToken = await signInChangingPassword(session.stack.api, admin.email, admin.password);
    const outside = createCommand();
    const refused = await asOtherService(
      session.orgQueue,
      OrgPatterns.technicianCreate,
      outside,
      adminToken,
    );
    expect(refused.err).toMatchObject({ code: 'FORBIDDEN_GROUP' });
    expect(await technicianCount(outside.email)).toBe(0);

    const inside = await asOtherService(
      session.orgQueue,
      OrgPatterns.technicianCreate,
      createCommand({ groupId: other.id }),
      adminToken,
    );
    expect(inside.err).toBeUndefined();

    const technician = await createTechnician(session.stack.api, session.token, session.groupId);
    const technicianToken = await signInChangingPassword(
      session.stack.api,
      technician.email,
      technician.password,
    );
    const byTechnician = await asOtherService(
      session.orgQueue,
      OrgPatterns.technicianCreate,
      createCommand(),
      technicianToken,
    );
    expect(byTechnician.err).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('signs in over RabbitMQ (a public message that acts for nobody)', async () => {
    const reply = await asOtherService(
      commandQueueName(session.stack.env.prefix, 'identity'),
      IdentityPatterns.login,
      { email: session.stack.adminEmail, sealedPassword: await sealAdminPassword() },
    );
    expect(reply.response).toMatchObject({ tokenType: 'Bearer', role: 'master_admin' });
  });

  async function sealAdminPassword(): Promise<string> {
    return seal(
      session.stack.adminPassword,
      await session.broker.sealingKey(session.stack.env.prefix),
    );
  }
});
