import { randomBytes, randomUUID } from 'node:crypto';
import { createAdministrator, createGroup, signInChangingPassword } from '../../support/fixtures';
import { expectProblem } from '../../support/problems';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

interface Match {
  id: string;
  name: string;
  parentId: string | null;
  path: string[];
  pathCut: boolean;
}

describe('Technician Groups: GET /groups/search (as the bootstrap Master Administrator)', () => {
  const session = sharedSession<StackSession>();
  const api = () => session.stack.api;
  // A word of its own in every name, so that the other parts' groups never match.
  const word = `Srch${randomBytes(4).toString('hex')}`;
  let support: { id: string };
  let emea: { id: string };
  let tier2: { id: string };
  let other: { id: string };

  const search = async (query: string, token = session.token) => {
    const response = await api().get(`/api/v1/groups/search?${query}`, token);
    expect(response.status).toBe(200);
    return response.body as { items: Match[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    support = await createGroup(api(), session.token, { name: `${word} Support` });
    emea = await createGroup(api(), session.token, { name: 'EMEA', parentId: support.id });
    tier2 = await createGroup(api(), session.token, {
      name: `${word} Tier 2`,
      parentId: emea.id,
    });
    other = await createGroup(api(), session.token, { name: `${word} Other` });
  });

  it('finds groups by any part of their name, in any case, by name, each with its path', async () => {
    const page = await search(`q=${word.toUpperCase()}`);

    expect(page).toEqual({
      items: [
        {
          id: other.id,
          name: `${word} Other`,
          parentId: null,
          path: [`${word} Other`],
          pathCut: false,
        },
        {
          id: support.id,
          name: `${word} Support`,
          parentId: null,
          path: [`${word} Support`],
          pathCut: false,
        },
        {
          id: tier2.id,
          name: `${word} Tier 2`,
          parentId: emea.id,
          path: [`${word} Support`, 'EMEA', `${word} Tier 2`],
          pathCut: false,
        },
      ],
      nextCursor: null,
    });
  });

  it('matches %, _ and \\ as themselves', async () => {
    expect((await search(`q=${word}%25`)).items).toEqual([]);
    expect((await search(`q=${word}_`)).items).toEqual([]);
    expect((await search(`q=${encodeURIComponent(`${word} T`)}`)).items.map((g) => g.id)).toEqual([
      tier2.id,
    ]);
  });

  it('pages by name with the cursor, every match once', async () => {
    const first = await search(`q=${word}&limit=2`);
    expect(first.items.map((g) => g.id)).toEqual([other.id, support.id]);
    expect(first.nextCursor).toEqual(expect.any(String));

    const second = await search(`q=${word}&limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({
      items: [expect.objectContaining({ id: tier2.id })],
      nextCursor: null,
    });
  });

  it('lists every group in scope when q is empty, and only those of ids when asked', async () => {
    const all = await search('q=&limit=200');
    const ids = all.items.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining([support.id, emea.id, tier2.id, other.id]));
    expect(new Set(ids).size).toBe(ids.length);

    const some = await search(`ids=${tier2.id}&ids=${support.id}`);
    expect(some.items.map((g) => g.id)).toEqual([support.id, tier2.id]);
    expect(some.items[1].path).toEqual([`${word} Support`, 'EMEA', `${word} Tier 2`]);
  });

  it('answers an Administrator only the groups in its scope, paths from its own group down', async () => {
    const admin = await createAdministrator(api(), session.token, { groupIds: [emea.id] });
    const token = await signInChangingPassword(api(), admin.email, admin.password);

    const page = await search(`q=${word}`, token);
    expect(page.items).toEqual([
      {
        id: tier2.id,
        name: `${word} Tier 2`,
        parentId: emea.id,
        path: ['EMEA', `${word} Tier 2`],
        pathCut: false,
      },
    ]);
    expect((await search('q=', token)).items.map((g) => g.id).sort()).toEqual(
      [emea.id, tier2.id].sort(),
    );
    expect((await search(`ids=${support.id}&ids=${other.id}`, token)).items).toEqual([]);
  });

  it.each([
    ['q', `q=${'x'.repeat(129)}`],
    ['q', 'q=two%0Alines'],
    ['limit', 'limit=0'],
    ['limit', 'limit=201'],
    ['cursor', 'cursor=not%20a%20cursor'],
    ['ids', 'ids=not-a-uuid'],
    ['ids', Array.from({ length: 101 }, () => `ids=${randomUUID()}`).join('&')],
  ])('refuses a bad %s with 400 naming it (%#)', async (field, query) => {
    expectProblem(
      await api().get(`/api/v1/groups/search?${query}`, session.token),
      400,
      'VALIDATION_FAILED',
      field,
    );
  });
});
