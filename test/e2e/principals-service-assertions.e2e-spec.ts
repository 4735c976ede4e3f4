import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { EventPatterns, OrgPatterns } from '@app/contracts';
import { otherTeamSession } from '../support/other-team-service';
import { rawPublicKey, signAssertion } from '../support/service-assertions';
import { createAdministrator, createTechnician, signInChangingPassword } from '../support/fixtures';

/** Other teams' services acting as themselves over RabbitMQ: service principals and their assertions. */
describe('Principals: who may send what over RabbitMQ, as a service principal', () => {
  const { session, createCommand, asOtherService, technicianCount } =
    otherTeamSession('principals-service');

  describe('service principals: another service acting as itself', () => {
    const keys = generateKeyPairSync('ed25519');
    let principalId: string;

    /** A private_key_jwt assertion (RFC 7523) signed with the principal's Ed25519 key. */
    function assertion(claims: Record<string, unknown> = {}, key = keys.privateKey): string {
      return signAssertion(principalId, key, claims);
    }

    beforeAll(async () => {
      const created = await asOtherService(
        session.orgQueue,
        OrgPatterns.servicePrincipalCreate,
        {
          name: 'HR sync',
          scopes: ['technicians:create', 'groups:read'],
          publicKey: rawPublicKey(keys.publicKey),
        },
        session.token,
      );
      expect(created.err).toBeUndefined();
      principalId = (created.response as { id: string }).id;
      expect(created.response).toMatchObject({
        organizationId: session.master.organizationId,
        scopes: ['groups:read', 'technicians:create'],
        enabled: true,
      });
    });

    it('creates a technician within its scopes, and the event names the service principal', async () => {
      const spy = await session.broker.spyOnEvents(
        session.stack.env.prefix,
        EventPatterns.technicianCreated,
      );
      const reply = await asOtherService(
        session.orgQueue,
        OrgPatterns.technicianCreate,
        createCommand({ actor: undefined }),
        assertion(),
      );
      expect(reply.err).toBeUndefined();
      const id = (reply.response as { id: string }).id;
      const event = await session.broker.eventAbout(spy, `technicians/${id}`);
      expect(event.properties.headers?.['cloudEvents:principal']).toBe(
        `service-principals/${principalId}`,
      );

      const group = await asOtherService(
        session.orgQueue,
        OrgPatterns.groupGet,
        { groupId: session.groupId },
        assertion(),
      );
      expect(group.response).toMatchObject({ id: session.groupId });
    });

    it('is refused what its scopes do not allow: FORBIDDEN', async () => {
      const technician = await createTechnician(session.stack.api, session.token, session.groupId);
      const read = await asOtherService(
        session.orgQueue,
        OrgPatterns.technicianGet,
        { technicianId: technician.id },
        assertion(),
      );
      expect(read.err).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('technicians:read'),
      });
      const remove = await asOtherService(
        session.orgQueue,
        OrgPatterns.technicianDelete,
        { technicianId: technician.id },
        assertion(),
      );
      expect(remove.err).toMatchObject({ code: 'FORBIDDEN' });
      const another = await asOtherService(
        session.orgQueue,
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
        const reply = await asOtherService(
          session.orgQueue,
          OrgPatterns.technicianCreate,
          command,
          token,
        );
        expect(reply.err).toMatchObject({ code: 'UNAUTHENTICATED' });
        expect(await technicianCount(command.email)).toBe(0);
      }
    });

    it('accepts an assertion once: the same one again is UNAUTHENTICATED, and nothing is done twice', async () => {
      const token = assertion();
      const first = createCommand({ actor: undefined });
      const accepted = await asOtherService(
        session.orgQueue,
        OrgPatterns.technicianCreate,
        first,
        token,
      );
      expect(accepted.err).toBeUndefined();

      // Another message with the same assertion, then the very same message again.
      const second = createCommand({ actor: undefined });
      for (const command of [second, first]) {
        const replayed = await asOtherService(
          session.orgQueue,
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
        (
          await asOtherService(
            session.orgQueue,
            OrgPatterns.groupGet,
            { groupId: session.groupId },
            read,
          )
        ).err,
      ).toBeUndefined();
      expect(
        (
          await asOtherService(
            session.orgQueue,
            OrgPatterns.groupGet,
            { groupId: session.groupId },
            read,
          )
        ).err,
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
        const reply = await asOtherService(
          session.orgQueue,
          OrgPatterns.technicianCreate,
          command,
          token,
        );
        expect(reply.err).toMatchObject({ code: 'UNAUTHENTICATED' });
        expect(await technicianCount(command.email)).toBe(0);
      }
    });

    it("keeps each principal's jti apart: another principal may use the same jti", async () => {
      const otherKeys = generateKeyPairSync('ed25519');
      const other = await asOtherService(
        session.orgQueue,
        OrgPatterns.servicePrincipalCreate,
        {
          name: 'Directory sync',
          scopes: ['groups:read'],
          publicKey: rawPublicKey(otherKeys.publicKey),
        },
        session.token,
      );
      const otherId = (other.response as { id: string }).id;
      const jti = randomUUID();
      const mine = await asOtherService(
        session.orgQueue,
        OrgPatterns.groupGet,
        { groupId: session.groupId },
        assertion({ jti }),
      );
      expect(mine.err).toBeUndefined();
      const theirs = await asOtherService(
        session.orgQueue,
        OrgPatterns.groupGet,
        { groupId: session.groupId },
        signAssertion(otherId, otherKeys.privateKey, { jti }),
      );
      expect(theirs.err).toBeUndefined();
    });

    it('is made only by a Master Administrator, and refused once disabled', async () => {
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [session.groupId],
      });
      const adminToken = await signInChangingPassword(
        session.stack.api,
        admin.email,
        admin.password,
      );
      const byAdmin = await asOtherService(
        session.orgQueue,
        OrgPatterns.servicePrincipalCreate,
        { name: 'Not allowed', scopes: ['groups:read'], publicKey: 'A'.repeat(43) },
        adminToken,
      );
      expect(byAdmin.err).toMatchObject({ code: 'FORBIDDEN' });

      const list = await asOtherService(
        session.orgQueue,
        OrgPatterns.servicePrincipalList,
        {},
        session.token,
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
        session.orgQueue,
        OrgPatterns.servicePrincipalDisable,
        { servicePrincipalId: principalId },
        session.token,
      );
      expect(disabled.response).toMatchObject({ enabled: false });
      const refused = await asOtherService(
        session.orgQueue,
        OrgPatterns.groupGet,
        { groupId: session.groupId },
        assertion(),
      );
      expect(refused.err).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });
});
