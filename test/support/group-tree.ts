import type { StackSession } from './stack-session';

/** Depth-first search of the tree for a group by id. */
export function findNode(nodes: any[], id: string): any {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children ?? [], id);
    if (found) return found;
  }
  return undefined;
}

/** GET /groups as the bootstrap Master Administrator of `session`, expecting 200: the tree. */
export async function getTree(session: StackSession): Promise<any[]> {
  const response = await session.stack.api.get('/api/v1/groups', session.token);
  expect(response.status).toBe(200);
  return response.body.groups as any[];
}
