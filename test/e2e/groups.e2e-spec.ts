import { randomUUID } from 'node:crypto';
import { createGroup, createTechnician } from '../support/fixtures';
import { Stack } from '../support/stack';
import { expectProblem } from '../support/problems';

/** The permission names of spec section 2, in the spec's order. */
const SPEC_PERMISSIONS = [
  'RemoteControl',
  'RemoteView',
  'SendFile',
  'ReceiveFile',
  'FileManagement',
  'SendURL',
  'ViewSystemInformation',
  'RebootClientComputer',
  'SessionRecording',
  'PrivateSessions',
  'ScriptRunning',
  'UnlimitedScripting',
  'Chat',
  'DeviceConfiguration',
  'UnattendedAccess',
  'ConnectOnLan',
  'EditCustomField',
  'CallingCardDeployment',
];

/** Depth-first search of the tree for a group by id. */
function findNode(nodes: any[], id: string): any {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children ?? [], id);
    if (found) return found;
  }
  return undefined;
}

describe('Technician Groups (as the bootstrap Master Administrator)', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await Stack.start('groups');
    token = await stack.adminToken();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const api = () => stack.api;
  const patch = (path: string, body: unknown) =>
    api().request('PATCH', `/api/v1${path}`, { body, token });
  const del = (path: string) => api().request('DELETE', `/api/v1${path}`, { token });
  const getTree = async () => {
    const response = await api().get('/api/v1/groups', token);
    expect(response.status).toBe(200);
    return response.body.groups as any[];
  };

  describe('GET /permissions', () => {
    it('lists exactly the 18 permission names of the spec, in order', async () => {
      const response = await api().get('/api/v1/permissions', token);

      expect(response.status).toBe(200);
      expect(response.body).toEqual(SPEC_PERMISSIONS);
      expect(response.body).toHaveLength(18);
    });
  });

  describe('GET /groups', () => {
    it('answers the tree with children, parentId and the technicians directly in each group', async () => {
      const parent = await createGroup(api(), token, {
        name: 'Tree parent',
        description: 'the top',
        permissions: ['Chat'],
      });
      const child = await createGroup(api(), token, { name: 'Tree child', parentId: parent.id });
      const grandchild = await createGroup(api(), token, {
        name: 'Tree grandchild',
        parentId: child.id,
      });
      await createTechnician(api(), token, parent.id);
      await createTechnician(api(), token, child.id);
      await createTechnician(api(), token, child.id);

      const tree = await getTree();

      const top = tree.find((node) => node.id === parent.id);
      expect(top).toEqual({
        id: parent.id,
        name: 'Tree parent',
        description: 'the top',
        parentId: null,
        permissions: ['Chat'],
        technicianCount: 1,
        children: [
          {
            id: child.id,
            name: 'Tree child',
            description: '',
            parentId: parent.id,
            permissions: [],
            technicianCount: 2,
            children: [
              {
                id: grandchild.id,
                name: 'Tree grandchild',
                description: '',
                parentId: child.id,
                permissions: [],
                technicianCount: 0,
                children: [],
              },
            ],
          },
        ],
      });
      // Only top-level groups at the top of the tree.
      expect(tree.every((node) => node.parentId === null)).toBe(true);
      expect(tree.find((node) => node.id === child.id)).toBeUndefined();
    });
  });

  describe('POST /groups', () => {
    it('creates a top-level group: 201 with its fields', async () => {
      const response = await api().post(
        '/api/v1/groups',
        { name: 'Support desk', description: 'first line', permissions: ['RemoteView', 'Chat'] },
        token,
      );

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Support desk',
        description: 'first line',
        parentId: null,
        permissions: ['RemoteView', 'Chat'],
        technicianCount: 0,
      });
      expect(findNode(await getTree(), response.body.id)).toMatchObject({ parentId: null });
    });

    it('creates a nested group under a parent: 201 with parentId, shown among its children', async () => {
      const parent = await createGroup(api(), token, { name: 'Nesting parent' });

      const response = await api().post(
        '/api/v1/groups',
        { name: 'Nested', parentId: parent.id },
        token,
      );

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        name: 'Nested',
        parentId: parent.id,
        description: '',
        permissions: [],
        technicianCount: 0,
      });
      const node = findNode(await getTree(), parent.id);
      expect(node.children.map((c: any) => c.id)).toEqual([response.body.id]);
    });

    it('accepts a name of 128 characters and a description of 1024', async () => {
      const response = await api().post(
        '/api/v1/groups',
        { name: 'n'.repeat(128), description: 'd'.repeat(1024) },
        token,
      );

      expect(response.status).toBe(201);
      expect(response.body.name).toBe('n'.repeat(128));
      expect(response.body.description).toBe('d'.repeat(1024));
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['a missing name', 'name', { description: 'x' }],
      ['an empty name', 'name', { name: '' }],
      ['a whitespace-only name', 'name', { name: '   ' }],
      ['a name of 129 characters', 'name', { name: 'n'.repeat(129) }],
      [
        'a description of 1025 characters',
        'description',
        { name: 'G', description: 'd'.repeat(1025) },
      ],
      [
        'an unknown permission',
        'permissions',
        { name: 'G', permissions: ['Chat', 'FlyToTheMoon'] },
      ],
      ['duplicate permissions', 'permissions', { name: 'G', permissions: ['Chat', 'Chat'] }],
      ['a parentId that is not a UUID', 'parentId', { name: 'G', parentId: 'not-a-uuid' }],
      ['an unknown field', 'colour', { name: 'G', colour: 'blue' }],
    ])('refuses %s with 400 VALIDATION_FAILED naming %s', async (_, field, body) => {
      const response = await api().post('/api/v1/groups', body, token);

      expectProblem(response, 400, 'VALIDATION_FAILED', field);
    });

    it('refuses a parentId that does not exist with 404 GROUP_NOT_FOUND', async () => {
      const response = await api().post(
        '/api/v1/groups',
        { name: 'Orphan', parentId: randomUUID() },
        token,
      );

      expectProblem(response, 404, 'GROUP_NOT_FOUND');
    });
  });

  describe('GET /groups/:id', () => {
    it('answers 200 with the group and its technician count', async () => {
      const parent = await createGroup(api(), token);
      const group = await createGroup(api(), token, {
        name: 'Readable',
        parentId: parent.id,
        description: 'to read',
        permissions: ['SendFile'],
      });
      await createTechnician(api(), token, group.id);

      const response = await api().get(`/api/v1/groups/${group.id}`, token);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id: group.id,
        name: 'Readable',
        description: 'to read',
        parentId: parent.id,
        permissions: ['SendFile'],
        technicianCount: 1,
      });
    });

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist', async () => {
      expectProblem(
        await api().get(`/api/v1/groups/${randomUUID()}`, token),
        404,
        'GROUP_NOT_FOUND',
      );
    });

    it('answers 400 VALIDATION_FAILED for an id that is not a UUID', async () => {
      expectProblem(
        await api().get('/api/v1/groups/not-a-uuid', token),
        400,
        'VALIDATION_FAILED',
        'id',
      );
    });
  });

  describe('PATCH /groups/:id', () => {
    it('renames a group and changes its permissions and description', async () => {
      const group = await createGroup(api(), token, { name: 'Before', permissions: ['Chat'] });

      const response = await patch(`/groups/${group.id}`, {
        name: 'After',
        description: 'now described',
        permissions: ['RemoteControl', 'UnattendedAccess'],
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id: group.id,
        name: 'After',
        description: 'now described',
        parentId: null,
        permissions: ['RemoteControl', 'UnattendedAccess'],
        technicianCount: 0,
      });
      const stored = await api().get(`/api/v1/groups/${group.id}`, token);
      expect(stored.body).toEqual(response.body);
    });

    it('refuses an invalid change with 400 VALIDATION_FAILED naming the field', async () => {
      const group = await createGroup(api(), token);

      expectProblem(
        await patch(`/groups/${group.id}`, { name: '  ' }),
        400,
        'VALIDATION_FAILED',
        'name',
      );
      expectProblem(
        await patch(`/groups/${group.id}`, { permissions: ['Nope'] }),
        400,
        'VALIDATION_FAILED',
        'permissions',
      );
      expectProblem(
        await patch(`/groups/${group.id}`, { description: 'd'.repeat(1025) }),
        400,
        'VALIDATION_FAILED',
        'description',
      );
      expectProblem(
        await patch(`/groups/${group.id}`, { parentId: 'not-a-uuid' }),
        400,
        'VALIDATION_FAILED',
        'parentId',
      );
      expectProblem(
        await patch(`/groups/${group.id}`, { colour: 'blue' }),
        400,
        'VALIDATION_FAILED',
        'colour',
      );
      expect((await api().get(`/api/v1/groups/${group.id}`, token)).body.name).toBe(group.name);
    });

    it('moves a group (with its sub-groups) under another parent, and the tree follows', async () => {
      const from = await createGroup(api(), token, { name: 'Move from' });
      const to = await createGroup(api(), token, { name: 'Move to' });
      const moving = await createGroup(api(), token, { name: 'Moving', parentId: from.id });
      const below = await createGroup(api(), token, { name: 'Below moving', parentId: moving.id });

      const response = await patch(`/groups/${moving.id}`, { parentId: to.id });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: moving.id, parentId: to.id, name: 'Moving' });
      const tree = await getTree();
      expect(findNode(tree, from.id).children).toEqual([]);
      const movedNode = findNode(tree, to.id).children.find((c: any) => c.id === moving.id);
      expect(movedNode).toBeDefined();
      expect(movedNode.children.map((c: any) => c.id)).toEqual([below.id]);
    });

    it.each([
      ['itself', (ids: { group: string; grandchild: string }) => ids.group],
      ['one of its descendants', (ids: { group: string; grandchild: string }) => ids.grandchild],
    ])(
      'refuses to move a group under %s with 400 VALIDATION_FAILED naming parentId',
      async (_, target) => {
        const group = await createGroup(api(), token, { name: 'Cycle root' });
        const child = await createGroup(api(), token, { parentId: group.id });
        const grandchild = await createGroup(api(), token, { parentId: child.id });

        const response = await patch(`/groups/${group.id}`, {
          parentId: target({ group: group.id, grandchild: grandchild.id }),
        });

        expectProblem(response, 400, 'VALIDATION_FAILED', 'parentId');
        const after = await api().get(`/api/v1/groups/${group.id}`, token);
        expect(after.body.parentId).toBeNull();
        expect(findNode(await getTree(), grandchild.id).parentId).toBe(child.id);
      },
    );

    it('makes a group top-level with parentId null', async () => {
      const parent = await createGroup(api(), token);
      const group = await createGroup(api(), token, { name: 'Going up', parentId: parent.id });
      const child = await createGroup(api(), token, { parentId: group.id });

      const response = await patch(`/groups/${group.id}`, { parentId: null });

      expect(response.status).toBe(200);
      expect(response.body.parentId).toBeNull();
      const tree = await getTree();
      const top = tree.find((node) => node.id === group.id);
      expect(top).toBeDefined();
      expect(top.children.map((c: any) => c.id)).toEqual([child.id]);
      expect(findNode(tree, parent.id).children).toEqual([]);
    });

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist', async () => {
      expectProblem(await patch(`/groups/${randomUUID()}`, { name: 'x' }), 404, 'GROUP_NOT_FOUND');
    });

    it('answers 404 GROUP_NOT_FOUND for a new parent that does not exist', async () => {
      const group = await createGroup(api(), token);

      expectProblem(
        await patch(`/groups/${group.id}`, { parentId: randomUUID() }),
        404,
        'GROUP_NOT_FOUND',
      );
    });
  });

  describe('DELETE /groups/:id', () => {
    it('deletes an empty group: 204, then 404', async () => {
      const group = await createGroup(api(), token);

      const response = await del(`/groups/${group.id}`);

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectProblem(await api().get(`/api/v1/groups/${group.id}`, token), 404, 'GROUP_NOT_FOUND');
      expectProblem(await del(`/groups/${group.id}`), 404, 'GROUP_NOT_FOUND');
      expect(findNode(await getTree(), group.id)).toBeUndefined();
    });

    it('refuses a group that has a technician with 409 GROUP_NOT_EMPTY', async () => {
      const group = await createGroup(api(), token);
      await createTechnician(api(), token, group.id);

      expectProblem(await del(`/groups/${group.id}`), 409, 'GROUP_NOT_EMPTY');
      expect((await api().get(`/api/v1/groups/${group.id}`, token)).status).toBe(200);
    });

    it('refuses a group that has a sub-group with 409 GROUP_NOT_EMPTY', async () => {
      const group = await createGroup(api(), token);
      await createGroup(api(), token, { parentId: group.id });

      expectProblem(await del(`/groups/${group.id}`), 409, 'GROUP_NOT_EMPTY');
      expect((await api().get(`/api/v1/groups/${group.id}`, token)).status).toBe(200);
    });
  });

  describe('GET /groups/:id/technicians', () => {
    it('pages through every technician of the group with limit and cursor, without duplicates or gaps', async () => {
      const group = await createGroup(api(), token);
      const other = await createGroup(api(), token);
      await createTechnician(api(), token, other.id);
      const created: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        created.push((await createTechnician(api(), token, group.id)).id);
      }

      const seen: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `limit=3&cursor=${cursor}` : 'limit=3';
        const response = await api().get(`/api/v1/groups/${group.id}/technicians?${query}`, token);
        expect(response.status).toBe(200);
        pageSizes.push(response.body.items.length);
        for (const item of response.body.items) {
          expect(item.groupId).toBe(group.id);
          seen.push(item.id);
        }
        cursor = response.body.nextCursor;
      } while (cursor && pageSizes.length < 10);

      expect(pageSizes).toEqual([3, 3, 1]);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...created].sort());
    });

    it('answers every technician on one page when the limit allows it, with nextCursor null', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);

      const response = await api().get(`/api/v1/groups/${group.id}/technicians?limit=200`, token);

      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      expect(response.body.items.map((t: any) => t.id)).toEqual([technician.id]);
    });

    it.each(['0', '201'])(
      'refuses limit=%s with 400 VALIDATION_FAILED naming limit',
      async (limit) => {
        const group = await createGroup(api(), token);

        const response = await api().get(
          `/api/v1/groups/${group.id}/technicians?limit=${limit}`,
          token,
        );

        expectProblem(response, 400, 'VALIDATION_FAILED', 'limit');
      },
    );

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist', async () => {
      expectProblem(
        await api().get(`/api/v1/groups/${randomUUID()}/technicians`, token),
        404,
        'GROUP_NOT_FOUND',
      );
    });
  });

  describe('GET /groups/roots and GET /groups/:id/children: one level of the tree at a time', () => {
    it('answers the top-level groups and a group’s sub-groups by name, in pages, with their counts', async () => {
      const parent = await createGroup(api(), token, { name: `Level parent ${randomUUID()}` });
      const names = ['delta', 'Alpha', 'charlie', 'bravo', 'echo'].map(
        (n) => `${n} ${randomUUID()}`,
      );
      const children: any[] = [];
      for (const name of names)
        children.push(await createGroup(api(), token, { name, parentId: parent.id }));
      await createGroup(api(), token, { name: 'grandchild', parentId: children[0].id });
      await createTechnician(api(), token, children[1].id);

      const seen: any[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const response = await api().get(`/api/v1/groups/${parent.id}/children${query}`, token);
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...response.body.items);
        cursor = response.body.nextCursor;
      } while (cursor);
      const tree = findNode(await getTree(), parent.id);
      // The same groups, in the same order, as the whole tree shows them.
      expect(seen.map((g) => g.id)).toEqual(tree.children.map((g: any) => g.id));
      expect(seen.find((g) => g.id === children[0].id)).toMatchObject({
        childCount: 1,
        technicianCount: 0,
        parentId: parent.id,
      });
      expect(seen.find((g) => g.id === children[1].id)).toMatchObject({
        childCount: 0,
        technicianCount: 1,
      });

      const roots = await api().get('/api/v1/groups/roots?limit=200', token);
      expect(roots.status).toBe(200);
      expect(roots.body.items.every((g: any) => g.parentId === null)).toBe(true);
      expect(roots.body.items.find((g: any) => g.id === parent.id)).toMatchObject({
        childCount: 5,
      });
    });

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist, 400 for a bad cursor', async () => {
      expectProblem(
        await api().get(`/api/v1/groups/${randomUUID()}/children`, token),
        404,
        'GROUP_NOT_FOUND',
      );
      expectProblem(
        await api().get('/api/v1/groups/roots?cursor=not*a*cursor', token),
        400,
        'VALIDATION_FAILED',
        'cursor',
      );
    });
  });
});
