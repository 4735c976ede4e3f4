import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { OrgPatterns } from '@app/contracts';
import { otherTeamSession } from '../support/other-team-service';
import { rawPublicKey, signAssertion } from '../support/service-assertions';
import {
  createAdministrator,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { createOrganization } from '../support/organizations';
import { expectProblem } from '../support/problems';

describe('Principals: service principals managed at REST', () => {
  const { session, asOtherService } = otherTeamSession('principals-rest');

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
      const response = await session.stack.api.get(PATH, token);
      expect(response.status).toBe(200);
      return response.body.items as any[];
    }

    beforeAll(async () => {
      const created = await createAdministrator(session.stack.api, session.token, {
        role: 'master_admin',
      });
      const token = await signInChangingPassword(
        session.stack.api,
        created.email,
        created.password,
      );
      otherMaster = { id: created.id, email: created.email, token };
    });

    it('creates, lists with its creator and last use, and disables; every Master Administrator of the organization sees it', async () => {
      const { keys, body } = principalBody('HR feed');
      const created = await session.stack.api.post(PATH, body, session.token);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        organizationId: session.master.organizationId,
        name: 'HR feed',
        scopes: ['groups:read', 'technicians:create'],
        publicKey: body.publicKey,
        enabled: true,
        createdBy: {
          accountId: session.master.accountId,
          name: expect.any(String),
          email: session.stack.adminEmail,
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
        createdBy: { accountId: session.master.accountId, email: session.stack.adminEmail },
      });

      // Its first accepted assertion is its last use.
      const used = await asOtherService(
        session.orgQueue,
        OrgPatterns.groupGet,
        { groupId: session.groupId },
        signAssertion(id, keys.privateKey),
      );
      expect(used.err).toBeUndefined();
      const after = (await listed(session.token)).find((p) => p.id === id);
      expect(Date.parse(after.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(after.createdAt));

      // The other Master Administrator disables it: its assertions are refused from then on.
      const disabled = await session.stack.api.post(`${PATH}/${id}/disable`, {}, otherMaster.token);
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({
        id,
        enabled: false,
        disabledAt: expect.any(String),
        disabledBy: { accountId: otherMaster.id, email: otherMaster.email },
      });
      const refused = await asOtherService(
        session.orgQueue,
        OrgPatterns.groupGet,
        { groupId: session.groupId },
        signAssertion(id, keys.privateKey),
      );
      expect(refused.err).toMatchObject({ code: 'UNAUTHENTICATED' });
      // Disabling again changes nothing.
      const again = await session.stack.api.post(`${PATH}/${id}/disable`, {}, session.token);
      expect(again.body).toMatchObject({
        enabled: false,
        disabledBy: { accountId: otherMaster.id },
      });
    });

    it('stays listed, with its creator, after that Master Administrator is disabled', async () => {
      const maker = await createAdministrator(session.stack.api, session.token, {
        role: 'master_admin',
      });
      const makerToken = await signInChangingPassword(
        session.stack.api,
        maker.email,
        maker.password,
      );
      const created = await session.stack.api.post(PATH, principalBody().body, makerToken);
      expect(created.status).toBe(201);
      const off = await session.stack.api.request('PATCH', `/api/v1/administrators/${maker.id}`, {
        body: { enabled: false },
        token: session.token,
      });
      expect(off.status).toBe(200);

      const seen = (await listed(session.token)).find((p) => p.id === created.body.id);
      expect(seen).toMatchObject({
        enabled: true,
        createdBy: { accountId: maker.id, email: maker.email },
      });
      const disabled = await session.stack.api.post(
        `${PATH}/${created.body.id}/disable`,
        {},
        session.token,
      );
      expect(disabled.body).toMatchObject({ enabled: false });
    });

    it('answers a repeat of the same create with the same principal; the same key with other fields is 409', async () => {
      const { body } = principalBody();
      const first = await session.stack.api.post(PATH, body, session.token);
      const repeat = await session.stack.api.post(
        PATH,
        { ...body, scopes: [...body.scopes].reverse() },
        session.token,
      );
      expect(repeat.status).toBe(201);
      expect(repeat.body.id).toBe(first.body.id);
      expect(
        (await listed(session.token)).filter((p) => p.publicKey === body.publicKey),
      ).toHaveLength(1);

      const conflicting = await session.stack.api.post(
        PATH,
        { ...body, name: 'Another name' },
        session.token,
      );
      expectProblem(conflicting, 409, 'CONFLICT', 'publicKey');
    });

    it('is invisible to another organization: absent from its list, 404 on disable', async () => {
      const created = await session.stack.api.post(PATH, principalBody().body, session.token);
      const email = uniqueEmail('elsewhere');
      await createOrganization(session.stack, `Elsewhere ${randomUUID()}`, email, GOOD_PASSWORD);
      const elsewhere = await signInChangingPassword(session.stack.api, email, GOOD_PASSWORD);

      expect((await listed(elsewhere)).map((p) => p.id)).not.toContain(created.body.id);
      expectProblem(
        await session.stack.api.post(`${PATH}/${created.body.id}/disable`, {}, elsewhere),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await session.stack.api.post(`${PATH}/${randomUUID()}/disable`, {}, session.token),
        404,
        'NOT_FOUND',
      );
      expect((await listed(session.token)).find((p) => p.id === created.body.id)).toMatchObject({
        enabled: true,
      });
    });

    it('answers 401 without a token and 403 FORBIDDEN to an Administrator', async () => {
      expectProblem(await session.stack.api.get(PATH), 401, 'UNAUTHENTICATED');
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [session.groupId],
      });
      const adminToken = await signInChangingPassword(
        session.stack.api,
        admin.email,
        admin.password,
      );
      const created = await session.stack.api.post(PATH, principalBody().body, session.token);

      expectProblem(await session.stack.api.get(PATH, adminToken), 403, 'FORBIDDEN');
      expectProblem(
        await session.stack.api.post(PATH, principalBody().body, adminToken),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await session.stack.api.post(`${PATH}/${created.body.id}/disable`, {}, adminToken),
        403,
        'FORBIDDEN',
      );
      expect((await listed(session.token)).find((p) => p.id === created.body.id)).toMatchObject({
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
          await session.stack.api.post(PATH, invalid, session.token),
          400,
          'VALIDATION_FAILED',
          field,
        );
      }
      expectProblem(
        await session.stack.api.post(`${PATH}/not-a-uuid/disable`, {}, session.token),
        400,
        'VALIDATION_FAILED',
      );
    });
  });
});
