import { fieldChanges, movePaths, parentPath } from './field-changes';

describe('fieldChanges', () => {
  it('names each field that differs, with its value before and after', () => {
    expect(
      fieldChanges(
        { name: 'Ann', enabled: true, nickname: 'A' },
        { name: 'Anne', enabled: false, nickname: 'A' },
        ['name', 'enabled', 'nickname'],
      ),
    ).toEqual([
      { field: 'name', before: 'Ann', after: 'Anne' },
      { field: 'enabled', before: true, after: false },
    ]);
  });

  it('compares arrays by value and shows a missing value as null', () => {
    expect(
      fieldChanges(
        { permissions: ['a', 'b'], groupIds: ['x'], ssoId: undefined as string | undefined },
        { permissions: ['a', 'b'], groupIds: ['x', 'y'], ssoId: 'sso-1' },
        ['permissions', 'groupIds', 'ssoId'],
      ),
    ).toEqual([
      { field: 'groupIds', before: ['x'], after: ['x', 'y'] },
      { field: 'ssoId', before: null, after: 'sso-1' },
    ]);
  });

  it('compares only the fields named', () => {
    expect(fieldChanges({ a: 1, b: 1 }, { a: 1, b: 2 }, ['a'])).toEqual([]);
  });
});

describe('group paths of a move', () => {
  it("takes a group's parent from its path", () => {
    expect(parentPath('/a/b/c/')).toBe('/a/b/');
    expect(parentPath('/a/')).toBeUndefined();
  });

  it('names the old and new path and both parents, once each', () => {
    expect(movePaths('/a/c/', '/b/c/')).toEqual(['/a/c/', '/b/c/', '/a/', '/b/']);
    expect(movePaths('/a/c/', '/c/')).toEqual(['/a/c/', '/c/', '/a/']);
  });
});
