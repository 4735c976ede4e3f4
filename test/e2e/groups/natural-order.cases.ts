import { createGroup, createTechnician } from '../../support/fixtures';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

/** Names in natural order ("Bulk 2" before "Bulk 10"), across pages of the keyset cursor. */
describe('Technician Groups: names in natural order', () => {
  const session = sharedSession<StackSession>();
  const api = () => session.stack.api;
  const NAMES = ['Bulk 0', 'Bulk 1', 'Bulk 2', 'Bulk 10', 'Bulk 100'];
  // Created out of order, so that creation order cannot pass for natural order.
  const CREATION_ORDER = ['Bulk 10', 'Bulk 2', 'Bulk 100', 'Bulk 0', 'Bulk 1'];

  /** Every item of a paged list, 3 at a time, following nextCursor. */
  async function pages(path: string): Promise<{ names: string[]; pageCount: number }> {
    const names: string[] = [];
    let pageCount = 0;
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=3&cursor=${cursor}` : 'limit=3';
      const response = await api().get(`${path}?${query}`, session.token);
      expect(response.status).toBe(200);
      names.push(...response.body.items.map((item: { name: string }) => item.name));
      cursor = response.body.nextCursor;
      pageCount += 1;
    } while (cursor && pageCount < 10);
    return { names, pageCount };
  }

  it('answers a group’s technicians Bulk 0, Bulk 1, Bulk 2, Bulk 10, Bulk 100 over two pages', async () => {
    const group = await createGroup(api(), session.token);
    for (const name of CREATION_ORDER)
      await createTechnician(api(), session.token, group.id, { name });

    expect(await pages(`/api/v1/groups/${group.id}/technicians`)).toEqual({
      names: NAMES,
      pageCount: 2,
    });
  });

  it('answers a group’s sub-groups in natural order over two pages, as the whole tree does', async () => {
    const parent = await createGroup(api(), session.token);
    for (const name of CREATION_ORDER)
      await createGroup(api(), session.token, { name, parentId: parent.id });

    expect(await pages(`/api/v1/groups/${parent.id}/children`)).toEqual({
      names: NAMES,
      pageCount: 2,
    });
    const tree = await api().get('/api/v1/groups', session.token);
    const node = (tree.body.groups as { id: string; children: { name: string }[] }[]).find(
      (g) => g.id === parent.id,
    );
    expect(node?.children.map((c) => c.name)).toEqual(NAMES);
  });
});
