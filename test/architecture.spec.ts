// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check } = require('../scripts/folder-dependencies.js') as {
  check: () => { package: string; pair: string }[];
};

/**
 * Inside each service, library and the web app, folders depend on each other in one
 * direction only (scripts/folder-dependencies.js lists the files of a pair that does not).
 */
describe('folders of a package', () => {
  it('never import each other', () => {
    expect(check().map(({ package: pkg, pair }) => `${pkg}: ${pair}`)).toEqual([]);
  });
});
