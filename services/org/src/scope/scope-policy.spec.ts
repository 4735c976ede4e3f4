import type { DataSource, EntityManager } from 'typeorm';
import { Actor, ErrorCodes, Role, Roles } from '@app/contracts';
import type { AccountStore } from '../accounts/account.store';
import type { Account } from '../entities/account.entity';
import { AdministratorGroup } from '../entities/administrator-group.entity';
import { Group } from '../entities/group.entity';
import { ServicePrincipal } from '../entities/service-principal.entity';
import type { EndedSessionsStore } from '../sessions/ended-sessions.store';
import { ActorContext, ScopePolicy, tokenIsCurrent } from './scope-policy';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER_ORG = '00000000-0000-4000-8000-000000000002';

/** What the database holds for a test: accounts, administrators' group paths, groups, principals. */
interface World {
  accounts: Account[];
  adminPaths?: Record<string, string[]>;
  groups?: Pick<Group, 'id' | 'organizationId' | 'path'>[];
  principals?: Pick<ServicePrincipal, 'id' | 'organizationId' | 'enabled'>[];
  endedSessions?: string[];
}

function account(id: string, role: Role, fields: Partial<Account> = {}): Account {
  return {
    id,
    organizationId: ORG,
    role,
    state: 'active',
    enabled: true,
    sessionsValidAfter: null,
    ...fields,
  } as Account;
}

/** ScopePolicy over an in-memory world: no I/O, the same answers as its queries give. */
function policyOver(world: World): ScopePolicy {
  const matches = (row: object, where: object) =>
    Object.entries(where).every(([key, value]) => (row as Record<string, unknown>)[key] === value);
  const manager = {
    getRepository(entity: unknown) {
      if (entity === AdministratorGroup) {
        let accountId = '';
        const builder = {
          innerJoin: () => builder,
          select: () => builder,
          where: (_: string, params: { id: string }) => ((accountId = params.id), builder),
          getRawMany: () =>
            Promise.resolve((world.adminPaths?.[accountId] ?? []).map((path) => ({ path }))),
        };
        return { createQueryBuilder: () => builder };
      }
      const rows = entity === Group ? world.groups : world.principals;
      return {
        findOneBy: (where: object) =>
          Promise.resolve((rows ?? []).find((row) => matches(row, where)) ?? null),
      };
    },
  } as unknown as EntityManager;
  const accounts = {
    signedIn: (_: EntityManager, id: string, organizationId: string) =>
      Promise.resolve(
        world.accounts.find(
          (a) =>
            a.id === id && a.organizationId === organizationId && a.state === 'active' && a.enabled,
        ) ?? null,
      ),
  } as unknown as AccountStore;
  const endedSessions = {
    isEnded: (sessionId: string) => Promise.resolve(!!world.endedSessions?.includes(sessionId)),
  } as unknown as EndedSessionsStore;
  return new ScopePolicy({ manager } as unknown as DataSource, endedSessions, accounts);
}

const actorOf = (accountId: string, fields: Partial<Actor> = {}): Actor =>
  ({ accountId, organizationId: ORG, ...fields }) as Actor;

/** The stable code a refusal carries to the client. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as { getError(): { code: string } }).getError().code;
  }
  throw new Error('expected a refusal');
}

describe('ScopePolicy', () => {
  const world: World = {
    accounts: [
      account('master', Roles.MASTER_ADMIN),
      account('admin', Roles.ADMIN),
      account('lonely-admin', Roles.ADMIN),
      account('technician', Roles.TECHNICIAN),
      account('disabled', Roles.MASTER_ADMIN, { enabled: false }),
      account('provisioning', Roles.MASTER_ADMIN, { state: 'provisioning' }),
      account('reset', Roles.MASTER_ADMIN, { sessionsValidAfter: new Date(2_000_000_000_000) }),
    ],
    adminPaths: { admin: ['/a/', '/c/d/'] },
    groups: [
      { id: 'a', organizationId: ORG, path: '/a/' },
      { id: 'b', organizationId: ORG, path: '/a/b/' },
      { id: 'c', organizationId: ORG, path: '/c/' },
      { id: 'elsewhere', organizationId: OTHER_ORG, path: '/elsewhere/' },
    ],
    principals: [
      { id: 'feed', organizationId: ORG, enabled: true },
      { id: 'old-feed', organizationId: ORG, enabled: false },
    ],
    endedSessions: ['signed-out'],
  };
  const policy = policyOver(world);

  describe('the actor', () => {
    it('reads the role from the database, with an Administrator’s group paths', async () => {
      // The token says master: the database, Administrator.
      await expect(policy.actor(actorOf('admin', { role: Roles.MASTER_ADMIN }))).resolves.toEqual({
        accountId: 'admin',
        organizationId: ORG,
        role: Roles.ADMIN,
        scopePaths: ['/a/', '/c/d/'],
        principal: 'accounts/admin',
      } satisfies ActorContext);
      expect((await policy.actor(actorOf('master'))).scopePaths).toEqual([]);
    });

    it.each([
      ['an account that does not exist', actorOf('nobody')],
      ['a disabled account', actorOf('disabled')],
      ['an account not yet made', actorOf('provisioning')],
      ['an account of another organization', { ...actorOf('master'), organizationId: OTHER_ORG }],
      ['a token issued before the password changed', actorOf('reset', { issuedAt: 1_000_000 })],
      ['a session that was signed out', actorOf('master', { sessionId: 'signed-out' })],
      ['a disabled service principal', actorOf('x', { servicePrincipalId: 'old-feed' })],
      [
        'a service principal of another organization',
        { ...actorOf('x', { servicePrincipalId: 'feed' }), organizationId: OTHER_ORG },
      ],
    ])('refuses %s as UNAUTHENTICATED', async (_, actor) => {
      expect(await codeOf(policy.actor(actor))).toBe(ErrorCodes.UNAUTHENTICATED);
    });

    it('lets a token issued after the password changed, and a session still open, through', async () => {
      await expect(
        policy.actor(actorOf('reset', { issuedAt: 2_000_000_001 })),
      ).resolves.toBeTruthy();
      await expect(policy.actor(actorOf('master', { sessionId: 'open' }))).resolves.toBeTruthy();
    });

    it('takes a service principal as an organization-wide administrator named as itself', async () => {
      const context = await policy.actor(actorOf('ignored', { servicePrincipalId: 'feed' }));
      expect(context).toEqual({
        accountId: 'feed',
        organizationId: ORG,
        role: Roles.MASTER_ADMIN,
        scopePaths: [],
        principal: 'service-principals/feed',
      });
    });
  });

  describe('roles', () => {
    it('lets administrators of either kind administer, and no technician', async () => {
      await expect(policy.administrator(actorOf('master'))).resolves.toBeTruthy();
      await expect(policy.administrator(actorOf('admin'))).resolves.toBeTruthy();
      expect(await codeOf(policy.administrator(actorOf('technician')))).toBe(ErrorCodes.FORBIDDEN);
    });

    it('keeps Master Administrator work for Master Administrators', async () => {
      await expect(policy.masterAdministrator(actorOf('master'))).resolves.toBeTruthy();
      expect(await codeOf(policy.masterAdministrator(actorOf('admin')))).toBe(ErrorCodes.FORBIDDEN);
    });

    it('lets any administrator read settings, only a Master Administrator write them or import', async () => {
      await expect(
        policy.authorize(actorOf('admin'), 'organization.settings.read'),
      ).resolves.toBeUndefined();
      expect(
        await codeOf(policy.authorize(actorOf('technician'), 'organization.settings.read')),
      ).toBe(ErrorCodes.FORBIDDEN);
      for (const action of ['organization.settings.write', 'organization.import'] as const) {
        await expect(policy.authorize(actorOf('master'), action)).resolves.toBeUndefined();
        expect(await codeOf(policy.authorize(actorOf('admin'), action))).toBe(ErrorCodes.FORBIDDEN);
      }
    });
  });

  describe('groups', () => {
    it('lets a Master Administrator reach every group, an Administrator its subtrees only', async () => {
      const master = await policy.actor(actorOf('master'));
      const admin = await policy.actor(actorOf('admin'));
      expect(policy.reaches(master, '/c/')).toBe(true);
      expect(policy.reaches(admin, '/a/')).toBe(true);
      expect(policy.reaches(admin, '/a/b/')).toBe(true);
      expect(policy.reaches(admin, '/c/d/e/')).toBe(true);
      expect(policy.reaches(admin, '/c/')).toBe(false);
      expect(policy.reaches(admin, '/ab/')).toBe(false);
    });

    it('finds a group in scope, refuses one beyond it, and hides another organization’s', async () => {
      const admin = await policy.actor(actorOf('admin'));
      const lonely = await policy.actor(actorOf('lonely-admin'));
      await expect(policy.group(admin, 'b')).resolves.toMatchObject({ id: 'b' });
      expect(await codeOf(policy.group(admin, 'c'))).toBe(ErrorCodes.FORBIDDEN_GROUP);
      expect(await codeOf(policy.group(lonely, 'a'))).toBe(ErrorCodes.FORBIDDEN_GROUP);
      expect(await codeOf(policy.group(admin, 'elsewhere'))).toBe(ErrorCodes.GROUP_NOT_FOUND);
      expect(await codeOf(policy.group(admin, 'missing'))).toBe(ErrorCodes.GROUP_NOT_FOUND);
    });
  });

  it('takes a token without an issue time, or an account never reset, as current', () => {
    const reset = account('x', Roles.ADMIN, { sessionsValidAfter: new Date(5_000) });
    expect(tokenIsCurrent(reset, { accountId: 'x', organizationId: ORG })).toBe(true);
    expect(tokenIsCurrent(reset, { accountId: 'x', organizationId: ORG, issuedAt: 5 })).toBe(true);
    expect(tokenIsCurrent(reset, { accountId: 'x', organizationId: ORG, issuedAt: 4 })).toBe(false);
    expect(
      tokenIsCurrent(account('y', Roles.ADMIN), {
        accountId: 'y',
        organizationId: ORG,
        issuedAt: 0,
      }),
    ).toBe(true);
  });
});
