import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { commandQueueName, EventPatterns, IdentityPatterns, OrgPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { packet, Reply, TestBroker } from '../support/broker';
import { BrokerTeams } from '../support/broker-teams';
import { queryDatabase } from '../support/databases';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { Stack } from '../support/stack';

/**
 * Other teams' services on the queues: they are not our services (no `user_id` of ours),
 * so they may send only the public messages, and those that act for an administrator only
 * with that administrator's token, whose claims replace whatever `actor` they wrote.
 */
describe('Principals: who may send what over RabbitMQ', () => {
  let stack: Stack;
  let broker: TestBroker;
  /** Another team's service: its own broker user, made by `npm run broker:client`. */
  let team: TestBroker;
  let teams: BrokerTeams;
  let masterToken: string;
  let master: { accountId: string; organizationId: string; role: string };
  let groupId: string;
  let sealedPassword: string;
  let orgQueue: string;

  beforeAll(async () => {
    stack = await Stack.start('principals');
    broker = await TestBroker.connect();
    orgQueue = commandQueueName(stack.env.prefix, 'org');
    masterToken = await stack.adminToken();
    const me = (await stack.api.get('/api/v1/me', masterToken)).body;
    master = { accountId: me.id, organizationId: me.organizationId, role: me.role };
    groupId = (await createGroup(stack.api, masterToken, { permissions: ['Chat'] })).id;
    sealedPassword = await seal(GOOD_PASSWORD, await broker.sealingKey(stack.env.prefix));
    teams = new BrokerTeams(stack.env.prefix);
    team = await TestBroker.connect((await teams.make('principals', [master.organizationId])).url);
  });

  afterAll(async () => {
    await team?.close();
    await teams?.removeAll();
    await broker?.close();
    await stack?.stop();
  });

  function createCommand(fields: Record<string, unknown> = {}) {
    const email = uniqueEmail('principal');
    return {
      actor: master,
      groupId,
      name: `Principal ${email.split('@')[0]}`,
      email,
      sealedPassword,
      idempotencyKey: `ext:${randomUUID()}`,
      ...fields,
    };
  }

  /** Sends as another team's service: its own broker user; `token` as its only proof. */
  async function asOtherService(queue: string, pattern: string, data: object, token?: string) {
    const headers = token ? { authorization: `Bearer ${token}` } : undefined;
    return (await team.publish(queue, packet(pattern, data), { reply: true, headers })) as Reply;
  }

  async function technicianCount(email: string): Promise<number> {
    const rows = await queryDatabase<{ n: string }>(
      stack.env.databases.org,
      'SELECT count(*) AS n FROM accounts WHERE email_normalized = lower($1)',
      [email],
    );
    return Number(rows[0].n);
  }

  it('refuses an actor named without proof: UNAUTHENTICATED, and nothing is created', async () => {
    const command = createCommand();
    const reply = await asOtherService(orgQueue, OrgPatterns.technicianCreate, command);
    expect(reply.err).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await technicianCount(command.email)).toBe(0);

    const forged = await asOtherService(
      orgQueue,
      OrgPatterns.technicianCreate,
      createCommand(),
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    );
    expect(forged.err).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("refuses the messages between this product's own services: FORBIDDEN", async () => {
    const reply = await asOtherService(
      commandQueueName(stack.env.prefix, 'identity'),
      IdentityPatterns.credentialRevoke,
      { accountId: master.accountId },
      masterToken,
    );
    expect(reply.err).toMatchObject({ code: 'FORBIDDEN' });
    // The Master Administrator still signs in: nothing was revoked.
    expect(await stack.adminToken()).toEqual(expect.any(String));
  });

  it('creates with an administrator token, as that administrator whatever the payload claims', async () => {
    const command = createCommand({
      actor: { accountId: randomUUID(), organizationId: randomUUID(), role: 'master_admin' },
    });
    const spy = await broker.spyOnEvents(stack.env.prefix, EventPatterns.technicianCreated);

    const reply = await asOtherService(
      orgQueue,
      OrgPatterns.technicianCreate,
      command,
      masterToken,
    );
    expect(reply.err).toBeUndefined();
    expect(reply.response).toMatchObject({
      email: command.email,
      organizationId: master.organizationId,
    });

    // The event names the administrator the service acted for.
    const id = (reply.response as { id: string }).id;
    const event = await broker.eventAbout(spy, `technicians/${id}`);
    expect(event.properties.headers?.['cloudEvents:principal']).toBe(
      `accounts/${master.accountId}`,
    );
  });

  it("refuses what the token's administrator may not do: FORBIDDEN_GROUP, FORBIDDEN", async () => {
    const other = await createGroup(stack.api, masterToken, { permissions: ['Chat'] });
    const admin = await createAdministrator(stack.api, masterToken, { groupIds: [other.id] });
    const adminToken = await signInChangingPassword(stack.api, admin.email, admin.password);
    const outside = createCommand();
    const refused = await asOtherService(
      orgQueue,
      OrgPatterns.technicianCreate,
      outside,
      adminToken,
    );
    expect(refused.err).toMatchObject({ code: 'FORBIDDEN_GROUP' });
    expect(await technicianCount(outside.email)).toBe(0);

    const inside = await asOtherService(
      orgQueue,
      OrgPatterns.technicianCreate,
      createCommand({ groupId: other.id }),
      adminToken,
    );
    expect(inside.err).toBeUndefined();

    const technician = await createTechnician(stack.api, masterToken, groupId);
    const technicianToken = await signInChangingPassword(
      stack.api,
      technician.email,
      technician.password,
    );
    const byTechnician = await asOtherService(
      orgQueue,
      OrgPatterns.technicianCreate,
      createCommand(),
      technicianToken,
    );
    expect(byTechnician.err).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('signs in over RabbitMQ (a public message that acts for nobody)', async () => {
    const reply = await asOtherService(
      commandQueueName(stack.env.prefix, 'identity'),
      IdentityPatterns.login,
      { email: stack.adminEmail, sealedPassword: await sealAdminPassword() },
    );
    expect(reply.response).toMatchObject({ tokenType: 'Bearer', role: 'master_admin' });
  });

  async function sealAdminPassword(): Promise<string> {
    return seal(stack.adminPassword, await broker.sealingKey(stack.env.prefix));
  }

  describe('service principals: another service acting as itself', () => {
    const keys = generateKeyPairSync('ed25519');
    let principalId: string;

    /** A private_key_jwt assertion (RFC 7523) signed with the principal's Ed25519 key. */
    function assertion(claims: Record<string, unknown> = {}, key = keys.privateKey): string {
      const now = Math.floor(Date.now() / 1000);
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const signed = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({
        iss: principalId,
        aud: 'rescue-admin-center',
        iat: now,
        exp: now + 60,
        jti: randomUUID(),
        ...claims,
      })}`;
      return `${signed}.${sign(null, Buffer.from(signed), key).toString('base64url')}`;
    }

    beforeAll(async () => {
      const created = await asOtherService(
        orgQueue,
        OrgPatterns.servicePrincipalCreate,
        {
          name: 'HR sync',
          scopes: ['technicians:create', 'groups:read'],
          publicKey: keys.publicKey.export({ format: 'jwk' }).x,
        },
        masterToken,
      );
      expect(created.err).toBeUndefined();
      principalId = (created.response as { id: string }).id;
      expect(created.response).toMatchObject({
        organizationId: master.organizationId,
        scopes: ['groups:read', 'technicians:create'],
        enabled: true,
      });
    });

    it('creates a technician within its scopes, and the event names the service principal', async () => {
      const spy = await broker.spyOnEvents(stack.env.prefix, EventPatterns.technicianCreated);
      const reply = await asOtherService(
        orgQueue,
        OrgPatterns.technicianCreate,
        createCommand({ actor: undefined }),
        assertion(),
      );
      expect(reply.err).toBeUndefined();
      const id = (reply.response as { id: string }).id;
      const event = await broker.eventAbout(spy, `technicians/${id}`);
      expect(event.properties.headers?.['cloudEvents:principal']).toBe(
        `service-principals/${principalId}`,
      );

      const group = await asOtherService(orgQueue, OrgPatterns.groupGet, { groupId }, assertion());
      expect(group.response).toMatchObject({ id: groupId });
    });

    it('is refused what its scopes do not allow: FORBIDDEN', async () => {
      const technician = await createTechnician(stack.api, masterToken, groupId);
      const read = await asOtherService(
        orgQueue,
        OrgPatterns.technicianGet,
        { technicianId: technician.id },
        assertion(),
      );
      expect(read.err).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('technicians:read'),
      });
      const remove = await asOtherService(
        orgQueue,
        OrgPatterns.technicianDelete,
        { technicianId: technician.id },
        assertion(),
      );
      expect(remove.err).toMatchObject({ code: 'FORBIDDEN' });
      const another = await asOtherService(
        orgQueue,
        OrgPatterns.servicePrincipalCreate,
        { name: 'Escalation', scopes: ['technicians:read'], publicKey: 'A'.repeat(43) },
        assertion(),
      );
      expect(another.err).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('is refused with a forged, expired or overlong assertion: UNAUTHENTICATED', async () => {
      const now = Math.floor(Date.now() / 1000);
      const other = generateKeyPairSync('ed25519').privateKey;
      for (const token of [
        assertion({}, other),
        assertion({ iat: now - 600, exp: now - 300 }),
        assertion({ exp: now + 3600 }),
        assertion({ aud: 'someone-else' }),
        assertion({ iss: randomUUID() }),
      ]) {
        const command = createCommand({ actor: undefined });
        const reply = await asOtherService(orgQueue, OrgPatterns.technicianCreate, command, token);
        expect(reply.err).toMatchObject({ code: 'UNAUTHENTICATED' });
        expect(await technicianCount(command.email)).toBe(0);
      }
    });

    it('is made only by a Master Administrator, and refused once disabled', async () => {
      const admin = await createAdministrator(stack.api, masterToken, { groupIds: [groupId] });
      const adminToken = await signInChangingPassword(stack.api, admin.email, admin.password);
      const byAdmin = await asOtherService(
        orgQueue,
        OrgPatterns.servicePrincipalCreate,
        { name: 'Not allowed', scopes: ['groups:read'], publicKey: 'A'.repeat(43) },
        adminToken,
      );
      expect(byAdmin.err).toMatchObject({ code: 'FORBIDDEN' });

      const list = await asOtherService(
        orgQueue,
        OrgPatterns.servicePrincipalList,
        {},
        masterToken,
      );
      expect(list.response).toMatchObject({
        servicePrincipals: [expect.objectContaining({ id: principalId })],
      });
      const disabled = await asOtherService(
        orgQueue,
        OrgPatterns.servicePrincipalDisable,
        { servicePrincipalId: principalId },
        masterToken,
      );
      expect(disabled.response).toMatchObject({ enabled: false });
      const refused = await asOtherService(
        orgQueue,
        OrgPatterns.groupGet,
        { groupId },
        assertion(),
      );
      expect(refused.err).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });
});
