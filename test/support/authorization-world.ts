import type { ApiResponse } from './api-client';
import { ACTOR_ROLES, type ActorName, type SignedInActor } from './authorization-matrix';
import { createAdministrator, createGroup, createTechnician } from './fixtures';
import { GOOD_PASSWORD, signInChangingPassword, uniqueEmail } from './fixtures';
import { createOrganization } from './organizations';
import { Stack } from './stack';

/**
 * The organizations the authorization matrices call into (authorization-matrix-*,
 * authorization-tenancy, authorization-scope and authorization-imports-* in test/e2e), on a
 * stack of the test file's own: the first organization's Organization Tree is A (with
 * A/child) and B, siblings at the top, a technician in each and a signed-in one in A, an
 * Administrator of A, one of B and one of both; a second organization with a group and a
 * technician of its own. Every caller of test/support/authorization-matrix.ts signed in.
 */

export const API = '/api/v1';
let nameCounter = 0;
/** A number not given before in this test file. */
export const nextNumber = () => ++nameCounter;
export const uniqueName = (label: string) => `${label} ${nextNumber()} ${Date.now().toString(36)}`;

export interface SignedIn {
  email: string;
  password: string;
  token: string;
}

/**
 * signInChangingPassword, also remembering the password the account has afterwards (the
 * fixture changes an administrator-set password to `<password>-New9`), so that the
 * change-password cells can give the current one.
 */
async function signIn(stack: Stack, email: string, password: string): Promise<SignedIn> {
  const first = await stack.api.post(`${API}/auth/login`, { email, password });
  if (first.status !== 200) throw new Error(`sign-in of ${email}: ${first.text}`);
  const token = await signInChangingPassword(stack.api, email, password);
  return {
    email,
    password: first.body.mustChangePassword ? `${password}-New9` : password,
    token,
  };
}

/** Every group of a tree answer, depth first. */
export function flatten(groups: any[]): any[] {
  return groups.flatMap((group) => [group, ...flatten(group.children ?? [])]);
}

export interface AuthorizationWorld {
  stack: Stack;
  tokens: Record<ActorName, string | undefined>;
  accounts: Record<SignedInActor, SignedIn>;
  groupA: any;
  childOfA: any;
  groupB: any;
  techInA: any;
  techInChild: any;
  techInB: any;
  technicianActor: any;
  adminOfA: any;
  adminOfB: any;
  adminOfAAndB: SignedIn;
  masterId: string;
  // The second organization's own group and technician.
  otherOrg: { organizationId: string; administratorId: string };
  otherGroup: any;
  otherTechnician: any;
  passwordPolicy: Record<string, unknown>;
  asMaster(): string;
  masterGet(route: string): Promise<ApiResponse>;
  freshGroupInA(): Promise<any>;
  freshTechnicianInA(): Promise<any>;
}

/** What a test file adds to the world's set-up (after it) and tear-down (before the stack stops). */
export interface WorldHooks<W> {
  setUp?: (world: W) => Promise<void> | void;
  tearDown?: (world: W) => Promise<void>;
}

/**
 * Declares the test file's beforeAll (the stack `label`, then the world, then `setUp`) and
 * afterAll (`tearDown`, then the stack stopped); the world's fields are set once beforeAll ran.
 */
export function authorizationWorld(
  label: string,
  hooks: WorldHooks<AuthorizationWorld> = {},
): AuthorizationWorld {
  const world = {
    tokens: {},
    accounts: {},
    asMaster: () => world.tokens.master!,
    masterGet: (route: string) => world.stack.api.get(`${API}${route}`, world.asMaster()),
    freshGroupInA: () =>
      createGroup(world.stack.api, world.asMaster(), { parentId: world.groupA.id }),
    freshTechnicianInA: () => createTechnician(world.stack.api, world.asMaster(), world.groupA.id),
  } as AuthorizationWorld;

  beforeAll(async () => {
    world.stack = await Stack.start(label);
    await populate(world);
    await hooks.setUp?.(world);
  });

  afterAll(async () => {
    if (world.stack) await hooks.tearDown?.(world);
    await world.stack?.stop();
  });

  return world;
}

async function populate(world: AuthorizationWorld): Promise<void> {
  const { stack, tokens, accounts } = world;
  const master = await stack.adminToken();
  tokens.master = master;
  accounts.master = { email: stack.adminEmail, password: stack.adminPassword, token: master };
  world.masterId = (await world.masterGet('/me')).body.id;

  [world.groupA, world.groupB] = await Promise.all([
    createGroup(stack.api, master, { name: 'A', permissions: ['Chat'] }),
    createGroup(stack.api, master, { name: 'B', permissions: ['RemoteView'] }),
  ]);
  world.childOfA = await createGroup(stack.api, master, {
    name: 'A child',
    parentId: world.groupA.id,
  });
  [world.techInA, world.techInChild, world.techInB, world.technicianActor] = await Promise.all([
    createTechnician(stack.api, master, world.groupA.id),
    createTechnician(stack.api, master, world.childOfA.id),
    createTechnician(stack.api, master, world.groupB.id),
    createTechnician(stack.api, master, world.groupA.id, { name: 'Technician actor' }),
  ]);
  const adminOfAAndBAccount = await createAdministrator(stack.api, master, {
    groupIds: [world.groupA.id, world.groupB.id],
  });
  [world.adminOfA, world.adminOfB] = await Promise.all([
    createAdministrator(stack.api, master, { groupIds: [world.groupA.id] }),
    createAdministrator(stack.api, master, { groupIds: [world.groupB.id] }),
  ]);

  const otherOrgEmail = uniqueEmail('other-master');
  world.otherOrg = await createOrganization(
    stack,
    uniqueName('Other Org'),
    otherOrgEmail,
    GOOD_PASSWORD,
  );

  [
    accounts.adminInScope,
    accounts.adminOutOfScope,
    accounts.technician,
    accounts.otherOrgMaster,
    world.adminOfAAndB,
  ] = await Promise.all([
    signIn(stack, world.adminOfA.email, world.adminOfA.password),
    signIn(stack, world.adminOfB.email, world.adminOfB.password),
    signIn(stack, world.technicianActor.email, world.technicianActor.password),
    signIn(stack, otherOrgEmail, GOOD_PASSWORD),
    signIn(stack, adminOfAAndBAccount.email, adminOfAAndBAccount.password),
  ]);
  tokens.adminInScope = accounts.adminInScope.token;
  tokens.adminOutOfScope = accounts.adminOutOfScope.token;
  tokens.technician = accounts.technician.token;
  tokens.otherOrgMaster = accounts.otherOrgMaster.token;
  tokens.noToken = undefined;

  world.otherGroup = await createGroup(stack.api, tokens.otherOrgMaster, { name: 'Other group' });
  world.otherTechnician = await createTechnician(
    stack.api,
    tokens.otherOrgMaster,
    world.otherGroup.id,
  );
  world.passwordPolicy = (await world.masterGet('/settings/password-policy')).body;
}

/** The test that every caller has a full token, of the role and organization it is meant to have. */
export function itHasEveryCaller(world: AuthorizationWorld): void {
  it('has a full token for every caller, of the role and organization it is meant to have', async () => {
    const firstOrg = (await world.masterGet('/me')).body.organizationId;
    expect(world.otherOrg.organizationId).not.toBe(firstOrg);
    for (const [actor, role] of Object.entries(ACTOR_ROLES)) {
      const me = await world.stack.api.get(`${API}/me`, world.tokens[actor as ActorName]);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        role,
        mustChangePassword: false,
        organizationId: actor === 'otherOrgMaster' ? world.otherOrg.organizationId : firstOrg,
      });
    }
  });
}
