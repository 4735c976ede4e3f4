import { randomUUID } from 'node:crypto';
import { createGroup, createTechnician } from '../support/fixtures';
import { findNode, getTree } from '../support/group-tree';
import { expectProblem } from '../support/problems';
import { stackSession } from '../support/stack-session';

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

describe('Technician Groups: reading them (as the bootstrap Master Administrator)', () => {
  const session = stackSession('groups-read');
  const api = () => session.stack.api;

  describe('GET /permissions', () => {
    it('lists exactly the 18 permission names of the spec, in order', async () => {
      const response = await api().get('/api/v1/permissions', session.token);

      expect(response.status).toBe(200);
      expect(response.body).toEqual(SPEC_PERMISSIONS);
      expect(response.body).toHaveLength(18);
    });
  });

  describe('GET /groups', () => {
    it('answers the tree with children, parentId and the technicians directly in each group', async () => {
      const parent = await createGroup(api(), session.token, {
        name: 'Tree parent',
        description: 'the top',
        permissions: ['Chat'],
      });
      const child = await createGroup(api(), session.token, {
        name: 'Tree child',
        parentId: parent.id,
      });
      const grandchild = await createGroup(api(), session.token, {
        name: 'Tree grandchild',
        parentId: child.id,
      });
      await createTechnician(api(), session.token, parent.id);
      await createTechnician(api(), session.token, child.id);
      await createTechnician(api(), session.token, child.id);

      const tree = await getTree(session);

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

  describe('GET /groups/:id', () => {
    it('answers 200 with the group and its technician count', async () => {
      const parent = await createGroup(api(), session.token);
      const group = await createGroup(api(), session.token, {
        name: 'Readable',
        parentId: parent.id,
        description: 'to read',
        permissions: ['SendFile'],
      });
      await createTechnician(api(), session.token, group.id);

      const response = await api().get(`/api/v1/groups/${group.id}`, session.token);

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
        await api().get(`/api/v1/groups/${randomUUID()}`, session.token),
        404,
        'GROUP_NOT_FOUND',
      );
    });

    it('answers 400 VALIDATION_FAILED for an id that is not a UUID', async () => {
      expectProblem(
        await api().get('/api/v1/groups/not-a-uuid', session.token),
        400,
        'VALIDATION_FAILED',
        'id',
      );
    });
  });

  describe('GET /groups/:id/technicians', () => {
    it('pages through every technician of the group with limit and cursor, without duplicates or gaps', async () => {
      const group = await createGroup(api(), session.token);
      const other = await createGroup(api(), session.token);
      await createTechnician(api(), session.token, other.id);
      const created: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        created.push((await createTechnician(api(), session.token, group.id)).id);
      }

      const seen: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `limit=3&cursor=${cursor}` : 'limit=3';
        const response = await api().get(
          `/api/v1/groups/${group.id}/technicians?${query}`,
          session.token,
        );
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
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);

      const response = await api().get(
        `/api/v1/groups/${group.id}/technicians?limit=200`,
        session.token,
      );

      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      expect(response.body.items.map((t: any) => t.id)).toEqual([technician.id]);
    });

    it.each(['0', '201'])(
      'refuses limit=%s with 400 VALIDATION_FAILED naming limit',
      async (limit) => {
        const group = await createGroup(api(), session.token);

        const response = await api().get(
          `/api/v1/groups/${group.id}/technicians?limit=${limit}`,
          session.token,
        );

        expectProblem(response, 400, 'VALIDATION_FAILED', 'limit');
      },
    );

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist', async () => {
      expectProblem(
        await api().get(`/api/v1/groups/${randomUUID()}/technicians`, session.token),
        404,
        'GROUP_NOT_FOUND',
      );
    });
  });

  describe('GET /groups/roots and GET /groups/:id/children: one level of the tree at a time', () => {
    it('answers the top-level groups and a group’s sub-groups by name, in pages, with their counts', async () => {
      const parent = await createGroup(api(), session.token, {
        name: `Level parent ${randomUUID()}`,
      });
      const names = ['delta', 'Alpha', 'charlie', 'bravo', 'echo'].map(
        (n) => `${n} ${randomUUID()}`,
      );
      const children: any[] = [];
      for (const name of names)
        children.push(await createGroup(api(), session.token, { name, parentId: parent.id }));
      await createGroup(api(), session.token, { name: 'grandchild', parentId: children[0].id });
      await createTechnician(api(), session.token, children[1].id);

      const seen: any[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const response = await api().get(
          `/api/v1/groups/${parent.id}/children${query}`,
          session.token,
        );
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...response.body.items);
        cursor = response.body.nextCursor;
      } while (cursor);
      const tree = findNode(await getTree(session), parent.id);
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

      const roots = await api().get('/api/v1/groups/roots?limit=200', session.token);
      expect(roots.status).toBe(200);
      expect(roots.body.items.every((g: any) => g.parentId === null)).toBe(true);
      expect(roots.body.items.find((g: any) => g.id === parent.id)).toMatchObject({
        childCount: 5,
      });
    });

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist, 400 for a bad cursor', async () => {
      expectProblem(
        await api().get(`/api/v1/groups/${randomUUID()}/children`, session.token),
        404,
        'GROUP_NOT_FOUND',
      );
      expectProblem(
        await api().get('/api/v1/groups/roots?cursor=not*a*cursor', session.token),
        400,
        'VALIDATION_FAILED',
        'cursor',
      );
    });
  });
});
