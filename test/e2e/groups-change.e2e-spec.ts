import { randomUUID } from 'node:crypto';
import { createGroup, createTechnician } from '../support/fixtures';
import { findNode, getTree } from '../support/group-tree';
import { expectProblem } from '../support/problems';
import { stackSession } from '../support/stack-session';

describe('Technician Groups: creating, changing and deleting them (as the bootstrap Master Administrator)', () => {
  const session = stackSession('groups-change');
  const api = () => session.stack.api;
  const patch = (path: string, body: unknown) =>
    api().request('PATCH', `/api/v1${path}`, { body, token: session.token });
  const del = (path: string) => api().request('DELETE', `/api/v1${path}`, { token: session.token });

  describe('POST /groups', () => {
    it('creates a top-level group: 201 with its fields', async () => {
      const response = await api().post(
        '/api/v1/groups',
        { name: 'Support desk', description: 'first line', permissions: ['RemoteView', 'Chat'] },
        session.token,
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
      expect(findNode(await getTree(session), response.body.id)).toMatchObject({ parentId: null });
    });

    it('creates a nested group under a parent: 201 with parentId, shown among its children', async () => {
      const parent = await createGroup(api(), session.token, { name: 'Nesting parent' });

      const response = await api().post(
        '/api/v1/groups',
        { name: 'Nested', parentId: parent.id },
        session.token,
      );

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        name: 'Nested',
        parentId: parent.id,
        description: '',
        permissions: [],
        technicianCount: 0,
      });
      const node = findNode(await getTree(session), parent.id);
      expect(node.children.map((c: any) => c.id)).toEqual([response.body.id]);
    });

    it('accepts a name of 128 characters and a description of 1024', async () => {
      const response = await api().post(
        '/api/v1/groups',
        { name: 'n'.repeat(128), description: 'd'.repeat(1024) },
        session.token,
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
      const response = await api().post('/api/v1/groups', body, session.token);

      expectProblem(response, 400, 'VALIDATION_FAILED', field);
    });

    it('refuses a parentId that does not exist with 404 GROUP_NOT_FOUND', async () => {
      const response = await api().post(
        '/api/v1/groups',
        { name: 'Orphan', parentId: randomUUID() },
        session.token,
      );

      expectProblem(response, 404, 'GROUP_NOT_FOUND');
    });
  });

  describe('PATCH /groups/:id', () => {
    it('renames a group and changes its permissions and description', async () => {
      const group = await createGroup(api(), session.token, {
        name: 'Before',
        permissions: ['Chat'],
      });

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
      const stored = await api().get(`/api/v1/groups/${group.id}`, session.token);
      expect(stored.body).toEqual(response.body);
    });

    it('refuses an invalid change with 400 VALIDATION_FAILED naming the field', async () => {
      const group = await createGroup(api(), session.token);

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
      expect((await api().get(`/api/v1/groups/${group.id}`, session.token)).body.name).toBe(
        group.name,
      );
    });

    it('moves a group (with its sub-groups) under another parent, and the tree follows', async () => {
      const from = await createGroup(api(), session.token, { name: 'Move from' });
      const to = await createGroup(api(), session.token, { name: 'Move to' });
      const moving = await createGroup(api(), session.token, { name: 'Moving', parentId: from.id });
      const below = await createGroup(api(), session.token, {
        name: 'Below moving',
        parentId: moving.id,
      });

      const response = await patch(`/groups/${moving.id}`, { parentId: to.id });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: moving.id, parentId: to.id, name: 'Moving' });
      const tree = await getTree(session);
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
        const group = await createGroup(api(), session.token, { name: 'Cycle root' });
        const child = await createGroup(api(), session.token, { parentId: group.id });
        const grandchild = await createGroup(api(), session.token, { parentId: child.id });

        const response = await patch(`/groups/${group.id}`, {
          parentId: target({ group: group.id, grandchild: grandchild.id }),
        });

        expectProblem(response, 400, 'VALIDATION_FAILED', 'parentId');
        const after = await api().get(`/api/v1/groups/${group.id}`, session.token);
        expect(after.body.parentId).toBeNull();
        expect(findNode(await getTree(session), grandchild.id).parentId).toBe(child.id);
      },
    );

    it('makes a group top-level with parentId null', async () => {
      const parent = await createGroup(api(), session.token);
      const group = await createGroup(api(), session.token, {
        name: 'Going up',
        parentId: parent.id,
      });
      const child = await createGroup(api(), session.token, { parentId: group.id });

      const response = await patch(`/groups/${group.id}`, { parentId: null });

      expect(response.status).toBe(200);
      expect(response.body.parentId).toBeNull();
      const tree = await getTree(session);
      const top = tree.find((node) => node.id === group.id);
      expect(top).toBeDefined();
      expect(top.children.map((c: any) => c.id)).toEqual([child.id]);
      expect(findNode(tree, parent.id).children).toEqual([]);
    });

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist', async () => {
      expectProblem(await patch(`/groups/${randomUUID()}`, { name: 'x' }), 404, 'GROUP_NOT_FOUND');
    });

    it('answers 404 GROUP_NOT_FOUND for a new parent that does not exist', async () => {
      const group = await createGroup(api(), session.token);

      expectProblem(
        await patch(`/groups/${group.id}`, { parentId: randomUUID() }),
        404,
        'GROUP_NOT_FOUND',
      );
    });
  });

  describe('DELETE /groups/:id', () => {
    it('deletes an empty group: 204, then 404', async () => {
      const group = await createGroup(api(), session.token);

      const response = await del(`/groups/${group.id}`);

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectProblem(
        await api().get(`/api/v1/groups/${group.id}`, session.token),
        404,
        'GROUP_NOT_FOUND',
      );
      expectProblem(await del(`/groups/${group.id}`), 404, 'GROUP_NOT_FOUND');
      expect(findNode(await getTree(session), group.id)).toBeUndefined();
    });

    it('refuses a group that has a technician with 409 GROUP_NOT_EMPTY', async () => {
      const group = await createGroup(api(), session.token);
      await createTechnician(api(), session.token, group.id);

      expectProblem(await del(`/groups/${group.id}`), 409, 'GROUP_NOT_EMPTY');
      expect((await api().get(`/api/v1/groups/${group.id}`, session.token)).status).toBe(200);
    });

    it('refuses a group that has a sub-group with 409 GROUP_NOT_EMPTY', async () => {
      const group = await createGroup(api(), session.token);
      await createGroup(api(), session.token, { parentId: group.id });

      expectProblem(await del(`/groups/${group.id}`), 409, 'GROUP_NOT_EMPTY');
      expect((await api().get(`/api/v1/groups/${group.id}`, session.token)).status).toBe(200);
    });
  });
});
