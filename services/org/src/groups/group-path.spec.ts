import { GROUP_PATH_MAX_NAMES } from '@app/contracts';
import { visibleLine } from './group-path';

const pathOf = (ids: string[]) => `/${ids.join('/')}/`;

describe("a search match's visible path", () => {
  it('runs from the top of the organization for a Master Administrator (no scope paths)', () => {
    expect(visibleLine(pathOf(['a', 'b', 'c']), [])).toEqual({ ids: ['a', 'b', 'c'], cut: false });
  });

  it("starts at an Administrator's highest own group above the match, never above it", () => {
    const scope = [pathOf(['a', 'b']), pathOf(['a', 'b', 'c']), pathOf(['x'])];
    expect(visibleLine(pathOf(['a', 'b', 'c', 'd']), scope)).toEqual({
      ids: ['b', 'c', 'd'],
      cut: false,
    });
  });

  it('keeps the nearest names of a deeper group, and says the top is cut', () => {
    const ids = Array.from({ length: GROUP_PATH_MAX_NAMES + 5 }, (_, i) => `g${i}`);
    expect(visibleLine(pathOf(ids), [])).toEqual({
      ids: ids.slice(5),
      cut: true,
    });
    expect(visibleLine(pathOf(ids), [pathOf(ids.slice(0, 6))])).toEqual({
      ids: ids.slice(5),
      cut: false,
    });
  });
});
