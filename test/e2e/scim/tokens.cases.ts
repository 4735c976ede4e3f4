import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ApiClient } from '../../support/api-client';
import {
  createGroup,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../../support/fixtures';
import { createOrganization } from '../../support/organizations';
import { SCIM, ScimClient, scimClient } from '../../support/scim';
import { ServiceProcess } from '../../support/service-process';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';
import { freePort } from '../../support/test-env';

const { ERROR } = SCIM;

/**
 * SCIM tokens: made over REST and shown once, two valid at once for rotation, revoked at once
 * on every gateway replica, and blind to another organization.
 */
describe('SCIM: tokens', () => {
  let stack: Stack;
  let admin: string;
  let client: ScimClient;
  let group: { id: string; name: string };
  let token: string;
  let tokenId: string;

  beforeAll(async () => {
    const session = sharedSession<StackSession>();
    stack = session.stack;
    admin = session.token;
    client = await scimClient(stack.api, admin, 'Entra ID');
    ({ group, token, tokenId } = client);
  });

  const scim = (method: string, path: string, body?: unknown, bearer = token) =>
    client.call(method, path, body, bearer);

  it('answers a new token once, with its secret; the list never shows a secret', async () => {
    expect(token).toMatch(/^rac_scim_[A-Za-z0-9_-]{43}$/);
    const list = await stack.api.get('/api/v1/scim/tokens', admin);
    expect(list.status).toBe(200);
    const listed = list.body.items.find((t: any) => t.id === tokenId);
    expect(listed).toMatchObject({ name: 'Entra ID', groupId: group.id });
    expect(list.text).not.toContain(token);
    expect(list.text).not.toContain(token.slice('rac_scim_'.length));
  });

  it('keeps two tokens of a group valid at once (rotation), and refuses a revoked one at once on every gateway replica', async () => {
    const next = await stack.api.post(
      '/api/v1/scim/tokens',
      { name: 'Entra ID (next)', groupId: group.id },
      admin,
    );
    expect(next.status).toBe(201);
    const old = await stack.api.post(
      '/api/v1/scim/tokens',
      { name: 'Entra ID (old)', groupId: group.id },
      admin,
    );
    expect(old.status).toBe(201);
    // A second gateway over the same services, as a replica behind a load balancer is.
    const port = await freePort();
    const logDir = path.join(stack.env.logDir, 'replica');
    mkdirSync(logDir, { recursive: true });
    const replica = new ServiceProcess(
      'gateway',
      { ...stack.env.vars, PORT: String(port) },
      logDir,
    );
    await replica.start();
    try {
      const replicaApi = new ApiClient(`http://127.0.0.1:${port}`);
      const users = (api: ApiClient, bearer: string) =>
        api.request('GET', '/scim/v2/Users?count=1', { token: bearer });
      for (const api of [stack.api, replicaApi])
        for (const bearer of [next.body.token, old.body.token])
          expect((await users(api, bearer)).status).toBe(200);

      expect(
        (await stack.api.request('DELETE', `/api/v1/scim/tokens/${old.body.id}`, { token: admin }))
          .status,
      ).toBe(204);
      for (const api of [stack.api, replicaApi]) {
        expect((await users(api, old.body.token)).status).toBe(401);
        expect((await users(api, next.body.token)).status).toBe(200);
      }
    } finally {
      await replica.stop();
      replica.close();
    }
  });

  it("shows another organization's token none of these Users, and refuses no token or a revoked one with 401", async () => {
    const email = uniqueEmail('other-master');
    await createOrganization(stack, `Other ${randomUUID().slice(0, 8)}`, email, GOOD_PASSWORD);
    const otherAdmin = await signInChangingPassword(stack.api, email, GOOD_PASSWORD);
    const otherGroup = await createGroup(stack.api, otherAdmin, { name: 'Elsewhere' });
    const other = await stack.api.post(
      '/api/v1/scim/tokens',
      { name: 'Okta', groupId: otherGroup.id },
      otherAdmin,
    );
    expect(other.status).toBe(201);
    const user = await client.newUser();
    expect((await scim('GET', `/Users/${user.id}`, undefined, other.body.token)).status).toBe(404);
    const listed = await scim('GET', '/Users', undefined, other.body.token);
    expect(listed.body.totalResults).toBe(0);
    // Another organization's group is not this Master Administrator's to bind a token to.
    const foreign = await stack.api.post(
      '/api/v1/scim/tokens',
      { name: 'x', groupId: otherGroup.id },
      admin,
    );
    expect(foreign.status).toBe(404);

    expect((await scim('GET', '/Users', undefined, '')).status).toBe(401);
    expect(
      (
        await stack.api.request('DELETE', `/api/v1/scim/tokens/${other.body.id}`, {
          token: otherAdmin,
        })
      ).status,
    ).toBe(204);
    const revoked = await scim('GET', '/Users', undefined, other.body.token);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ schemas: [ERROR], status: '401' });
  });
});
