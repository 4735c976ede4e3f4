import { decodeCursor, keysetPage } from './cursor';

describe('keysetPage', () => {
  const rows = ['a', 'b', 'c'].map((name, i) => ({
    name,
    id: `00000000-0000-4000-8000-00000000000${i}`,
  }));
  const keyOf = (last: { name: string; id: string }) => [last.name, last.id];

  it('keeps `limit` rows and names the last one kept when more follow', () => {
    const { page, nextCursor } = keysetPage(rows, 2, keyOf);

    expect(page).toEqual(rows.slice(0, 2));
    expect(decodeCursor(nextCursor!, ['text', 'uuid'])).toEqual(['b', rows[1].id]);
  });

  it('has no cursor on the last page, full or not, nor for no rows', () => {
    expect(keysetPage(rows, 3, keyOf)).toEqual({ page: rows, nextCursor: null });
    expect(keysetPage(rows.slice(0, 1), 3, keyOf)).toEqual({
      page: rows.slice(0, 1),
      nextCursor: null,
    });
    expect(keysetPage([], 3, keyOf)).toEqual({ page: [], nextCursor: null });
  });
});
