import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { commandQueueName, EventPatterns, IdentityPatterns, OrgPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { packet, Reply, TestBroker } from '../support/broker';
import { BrokerTeams } from '../support/broker-teams';
import { queryDatabase } from '../support/databases';
import { rawPublicKey, signAssertion } from '../support/service-assertions';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { createOrganization } from '../support/organizations';
import { expectProblem } from '../support/problems';
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
    teams = new BrokerTeams(stack.env);
    team = await TestBroker.connect((await teams.make('principals', [master.organizationId])).url);
  });

  afterAll(async () => {
    await team?.close();
    try {
      await teams?.removeAll();
    } finally {
      await broker?.close();
      await stack?.stop();
    }
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
      return signAssertion(principalId, key, claims);
    }

    beforeAll(async () => {
      const created = await asOtherService(
        orgQueue,
        OrgPatterns.servicePrincipalCreate,
        {
          name: 'HR sync',
          scopes: ['technicians:create', 'groups:read'],
          publicKey: rawPublicKey(keys.publicKey),
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

    it('accepts an assertion once: the same one again is UNAUTHENTICATED, and nothing is done twice', async () => {
      const token = assertion();
      const first = createCommand({ actor: undefined });
      const accepted = await asOtherService(orgQueue, OrgPatterns.technicianCreate, first, token);
      expect(accepted.err).toBeUndefined();

      // Another message with the same assertion, then the very same message again.
      const second = createCommand({ actor: undefined });
      for (const command of [second, first]) {
        const replayed = await asOtherService(
          orgQueue,
          OrgPatterns.technicianCreate,
          command,
          token,
        );
        expect(replayed.err).toMatchObject({
          code: 'UNAUTHENTICATED',
          message: expect.stringContaining('already used'),
        });
      }
      expect(await technicianCount(first.email)).toBe(1);
      expect(await technicianCount(second.email)).toBe(0);

      // A read is refused a second time as well: its answer would go to whoever replayed it.
      const read = assertion();
      expect(
        (await asOtherService(orgQueue, OrgPatterns.groupGet, { groupId }, read)).err,
      ).toBeUndefined();
      expect(
        (await asOtherService(orgQueue, OrgPatterns.groupGet, { groupId }, read)).err,
      ).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('refuses an assertion without jti, or longer than 60 s: UNAUTHENTICATED', async () => {
      const now = Math.floor(Date.now() / 1000);
      for (const token of [
        assertion({ jti: undefined }),
        assertion({ jti: '' }),
        assertion({ jti: 42 }),
        assertion({ iat: now, exp: now + 61 }),
        assertion({ iat: now - 100, exp: now + 20 }),
      ]) {
        const command = createCommand({ actor: undefined });
        const reply = await asOtherService(orgQueue, OrgPatterns.technicianCreate, command, token);
        expect(reply.err).toMatchObject({ code: 'UNAUTHENTICATED' });
        expect(await technicianCount(command.email)).toBe(0);
      }
    });

    it("keeps each principal's jti apart: another principal may use the same jti", async () => {
      const otherKeys = generateKeyPairSync('ed25519');
      const other = await asOtherService(
        orgQueue,
        OrgPatterns.servicePrincipalCreate,
        {
          name: 'Directory sync',
          scopes: ['groups:read'],
          publicKey: rawPublicKey(otherKeys.publicKey),
        },
        masterToken,
      );
      const otherId = (other.response as { id: string }).id;
      const jti = randomUUID();
      const mine = await asOtherService(
        orgQueue,
        OrgPatterns.groupGet,
        { groupId },
        assertion({ jti }),
      );
      expect(mine.err).toBeUndefined();
      const theirs = await asOtherService(
        orgQueue,
        OrgPatterns.groupGet,
        { groupId },
        signAssertion(otherId, otherKeys.privateKey, { jti }),
      );
      expect(theirs.err).toBeUndefined();
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
      // Newest first: the principal of the jti test above, then this one.
      expect(list.response).toMatchObject({
        servicePrincipals: [
          expect.objectContaining({ name: 'Directory sync' }),
          expect.objectContaining({ id: principalId }),
        ],
        nextCursor: null,
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

  describe('service principals at REST: /api/v1/service-principals', () => {
    const PATH = '/api/v1/service-principals';
    let otherMaster: { id: string; email: string; token: string };

    /** A fresh principal's body, with a key pair of its own. */
    function principalBody(name = `Sync ${randomUUID().slice(0, 8)}`) {
      const keys = generateKeyPairSync('ed25519');
      return {
        keys,
        body: {
          name,
          scopes: ['technicians:create', 'groups:read'],
          publicKey: rawPublicKey(keys.publicKey),
        },
      };
    }

    async function listed(token: string): Promise<any[]> {
      const response = await stack.api.get(PATH, token);
      expect(response.status).toBe(200);
      return response.body.items as any[];
    }

    beforeAll(async () => {
      const created = await createAdministrator(stack.api, masterToken, { role: 'master_admin' });
      const token = await signInChangingPassword(stack.api, created.email, created.password);
      otherMaster = { id: created.id, email: created.email, token };
    });

    it('creates, lists with its creator and last use, and disables; every Master Administrator of the organization sees it', async () => {
      const { keys, body } = principalBody('HR feed');
      const created = await stack.api.post(PATH, body, masterToken);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        organizationId: master.organizationId,
        name: 'HR feed',
        scopes: ['groups:read', 'technicians:create'],
        publicKey: body.publicKey,
        enabled: true,
        createdBy: {
          accountId: master.accountId,
          name: expect.any(String),
          email: stack.adminEmail,
        },
        createdAt: expect.any(String),
        lastUsedAt: null,
        disabledAt: null,
        disabledBy: null,
      });
      const id = created.body.id as string;

      // Another Master Administrator of the organization sees it, and who made it.
      const seen = (await listed(otherMaster.token)).find((p) => p.id === id);
      expect(seen).toMatchObject({
        createdBy: { accountId: master.accountId, email: stack.adminEmail },
      });

      // Its first accepted assertion is its last use.
      const used = await asOtherService(
        orgQueue,
        OrgPatterns.groupGet,
        { groupId },
        signAssertion(id, keys.privateKey),
      );
      expect(used.err).toBeUndefined();
      const after = (await listed(masterToken)).find((p) => p.id === id);
      expect(Date.parse(after.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(after.createdAt));

      // The other Master Administrator disables it: its assertions are refused from then on.
      const disabled = await stack.api.post(`${PATH}/${id}/disable`, {}, otherMaster.token);
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({
        id,
        enabled: false,
        disabledAt: expect.any(String),
        disabledBy: { accountId: otherMaster.id, email: otherMaster.email },
      });
      const refused = await asOtherService(
        orgQueue,
        OrgPatterns.groupGet,
        { groupId },
        signAssertion(id, keys.privateKey),
      );
      expect(refused.err).toMatchObject({ code: 'UNAUTHENTICATED' });
      // Disabling again changes nothing.
      const again = await stack.api.post(`${PATH}/${id}/disable`, {}, masterToken);
      expect(again.body).toMatchObject({
        enabled: false,
        disabledBy: { accountId: otherMaster.id },
      });
    });

    it('stays listed, with its creator, after that Master Administrator is disabled', async () => {
      const maker = await createAdministrator(stack.api, masterToken, { role: 'master_admin' });
      const makerToken = await signInChangingPassword(stack.api, maker.email, maker.password);
      const created = await stack.api.post(PATH, principalBody().body, makerToken);
      expect(created.status).toBe(201);
      const off = await stack.api.request('PATCH', `/api/v1/administrators/${maker.id}`, {
        body: { enabled: false },
        token: masterToken,
      });
      expect(off.status).toBe(200);

      const seen = (await listed(masterToken)).find((p) => p.id === created.body.id);
      expect(seen).toMatchObject({
        enabled: true,
        createdBy: { accountId: maker.id, email: maker.email },
      });
      const disabled = await stack.api.post(`${PATH}/${created.body.id}/disable`, {}, masterToken);
      expect(disabled.body).toMatchObject({ enabled: false });
    });

    it('answers a repeat of the same create with the same principal; the same key with other fields is 409', async () => {
      const { body } = principalBody();
      const first = await stack.api.post(PATH, body, masterToken);
      const repeat = await stack.api.post(
        PATH,
        { ...body, scopes: [...body.scopes].reverse() },
        masterToken,
      );
      expect(repeat.status).toBe(201);
      expect(repeat.body.id).toBe(first.body.id);
      expect(
        (await listed(masterToken)).filter((p) => p.publicKey === body.publicKey),
      ).toHaveLength(1);

      const conflicting = await stack.api.post(
        PATH,
        { ...body, name: 'Another name' },
        masterToken,
      );
      expectProblem(conflicting, 409, 'CONFLICT', 'publicKey');
    });

    it('is invisible to another organization: absent from its list, 404 on disable', async () => {
      const created = await stack.api.post(PATH, principalBody().body, masterToken);
      const email = uniqueEmail('elsewhere');
      await createOrganization(stack, `Elsewhere ${randomUUID()}`, email, GOOD_PASSWORD);
      const elsewhere = await signInChangingPassword(stack.api, email, GOOD_PASSWORD);

      expect((await listed(elsewhere)).map((p) => p.id)).not.toContain(created.body.id);
      expectProblem(
        await stack.api.post(`${PATH}/${created.body.id}/disable`, {}, elsewhere),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await stack.api.post(`${PATH}/${randomUUID()}/disable`, {}, masterToken),
        404,
        'NOT_FOUND',
      );
      expect((await listed(masterToken)).find((p) => p.id === created.body.id)).toMatchObject({
        enabled: true,
      });
    });

    it('answers 401 without a token and 403 FORBIDDEN to an Administrator', async () => {
      expectProblem(await stack.api.get(PATH), 401, 'UNAUTHENTICATED');
      const admin = await createAdministrator(stack.api, masterToken, { groupIds: [groupId] });
      const adminToken = await signInChangingPassword(stack.api, admin.email, admin.password);
      const created = await stack.api.post(PATH, principalBody().body, masterToken);

      expectProblem(await stack.api.get(PATH, adminToken), 403, 'FORBIDDEN');
      expectProblem(await stack.api.post(PATH, principalBody().body, adminToken), 403, 'FORBIDDEN');
      expectProblem(
        await stack.api.post(`${PATH}/${created.body.id}/disable`, {}, adminToken),
        403,
        'FORBIDDEN',
      );
      expect((await listed(masterToken)).find((p) => p.id === created.body.id)).toMatchObject({
        enabled: true,
      });
    });

    it('refuses a body that is not a principal: 400 naming the field', async () => {
      const { body } = principalBody();
      const cases: [Record<string, unknown>, string][] = [
        [{ ...body, publicKey: 'not-a-key' }, 'publicKey'],
        [{ ...body, scopes: ['technicians:delete'] }, 'scopes'],
        [{ ...body, scopes: [] }, 'scopes'],
        [{ ...body, name: '' }, 'name'],
        [{ ...body, organizationId: randomUUID() }, 'organizationId'],
      ];
      for (const [invalid, field] of cases) {
        expectProblem(
          await stack.api.post(PATH, invalid, masterToken),
          400,
          'VALIDATION_FAILED',
          field,
        );
      }
      expectProblem(
        await stack.api.post(`${PATH}/not-a-uuid/disable`, {}, masterToken),
        400,
        'VALIDATION_FAILED',
      );
    });
  });
});
