import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ErrorCodes } from '@app/contracts';
import { readCsvRecords } from './csv-records';
import { ImportFileError } from './import-file-error';

/**
 * RFC 4180 reading (spec section 4: quoting, comma/semicolon/tab, UTF-8 with or without a
 * BOM, CRLF or LF, blank lines ignored) and the line where each record starts.
 */

interface SpectrumCase {
  name: string;
  csv: string;
  header: string[];
  records: string[][];
}

/** Every case of the csv-spectrum package: csvs/NAME.csv and the expected json/NAME.json. */
function spectrumCases(): SpectrumCase[] {
  const root = dirname(require.resolve('csv-spectrum/package.json'));
  return readdirSync(join(root, 'csvs'))
    .filter((file) => file.endsWith('.csv'))
    .sort()
    .map((file) => {
      const name = basename(file, '.csv');
      const objects = JSON.parse(
        readFileSync(join(root, 'json', `${name}.json`), 'utf8'),
      ) as Record<string, string>[];
      const header = Object.keys(objects[0]);
      return {
        name,
        csv: readFileSync(join(root, 'csvs', file), 'utf8'),
        header,
        records: objects.map((object) => header.map((key) => object[key])),
      };
    });
}

/** The same file with another delimiter: each comma outside quotes becomes `delimiter`. */
function withDelimiter(csv: string, delimiter: string): string {
  let quoted = false;
  let out = '';
  for (const char of csv) {
    if (char === '"') quoted = !quoted;
    out += char === ',' && !quoted ? delimiter : char;
  }
  return out;
}

const SPECTRUM = spectrumCases();

function readError(text: string, delimiter = ','): ImportFileError {
  try {
    readCsvRecords(text, delimiter);
  } catch (err) {
    if (err instanceof ImportFileError) return err;
    throw err;
  }
  throw new Error('readCsvRecords accepted a malformed file');
}

const cellsOf = (text: string, delimiter = ',') =>
  readCsvRecords(text, delimiter).map((record) => record.cells);
const linesOf = (text: string, delimiter = ',') =>
  readCsvRecords(text, delimiter).map((record) => record.line);

describe('readCsvRecords: the csv-spectrum cases', () => {
  it('finds the csv-spectrum cases (quotes, escaped quotes, newlines, CRLF, UTF-8, empty)', () => {
    expect(SPECTRUM.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'comma_in_quotes',
        'empty',
        'empty_crlf',
        'escaped_quotes',
        'json',
        'newlines',
        'newlines_crlf',
        'quotes_and_newlines',
        'simple',
        'simple_crlf',
        'utf8',
      ]),
    );
  });

  it.each(SPECTRUM.map((c) => [c.name, c] as const))(
    '%s: header and records are exactly the expected ones',
    (_name, spectrum) => {
      expect(cellsOf(spectrum.csv)).toEqual([spectrum.header, ...spectrum.records]);
    },
  );

  describe.each([
    ['semicolon', ';'],
    ['tab', '\t'],
  ])('rewritten with the %s delimiter', (_label, delimiter) => {
    it.each(SPECTRUM.map((c) => [c.name, c] as const))('%s gives the same cells', (_name, c) => {
      const rewritten = withDelimiter(c.csv, delimiter);
      expect(rewritten).not.toBe(c.csv);
      expect(cellsOf(rewritten, delimiter)).toEqual([c.header, ...c.records]);
    });

    it('reads a quoted field that holds the delimiter, a comma, quotes and line breaks', () => {
      const d = delimiter;
      const text = `a${d}b${d}c\n"x${d}y"${d}"say ""hi"", ok"${d}"one\r\ntwo\nthree"\nplain,comma${d}${d}last\n`;
      expect(cellsOf(text, d)).toEqual([
        ['a', 'b', 'c'],
        [`x${d}y`, 'say "hi", ok', 'one\r\ntwo\nthree'],
        ['plain,comma', '', 'last'],
      ]);
    });
  });

  it('with the semicolon delimiter, a comma is an ordinary character', () => {
    expect(cellsOf('a;b\n1,5;2,5\n', ';')).toEqual([
      ['a', 'b'],
      ['1,5', '2,5'],
    ]);
  });
});

describe('readCsvRecords: the line where each record starts', () => {
  it.each([
    ['LF, one embedded line break', 'h1,h2\n"a\nb",c\nd,e\n', [1, 2, 4]],
    ['CRLF, one embedded CRLF', 'h1,h2\r\n"a\r\nb",c\r\nd,e\r\n', [1, 2, 4]],
    ['LF, several embedded breaks in one record', 'h1,h2\n"a\n\n\nb","c\nd"\ne,f\n', [1, 2, 7]],
    ['CRLF, several embedded breaks', 'h1,h2\r\n"a\r\n\r\nb","c\r\nd"\r\ne,f', [1, 2, 6]],
    ['CRLF file whose quoted field holds a bare LF', 'h1,h2\r\n"a\nb",c\r\nd,e\r\n', [1, 2, 4]],
    ['a multi-line first (header) record', '"h\n1",h2\nx,y\n', [1, 3]],
    ['no final line break', 'h1,h2\nx,y', [1, 2]],
  ])('%s', (_name, text, lines) => {
    expect(linesOf(text)).toEqual(lines);
  });

  it.each([
    ['LF blank lines between records', 'h\n\n\nx\n\ny\n', [['h'], ['x'], ['y']], [1, 4, 6]],
    [
      'CRLF blank lines between records',
      'h\r\n\r\n\r\nx\r\n\r\ny\r\n',
      [['h'], ['x'], ['y']],
      [1, 4, 6],
    ],
    ['blank lines before the header', '\n\nh\nx\n', [['h'], ['x']], [3, 4]],
    ['CRLF blank lines before the header', '\r\n\r\nh\r\nx\r\n', [['h'], ['x']], [3, 4]],
    [
      'blank lines after a multi-line record',
      'h\n"a\nb"\n\n\nc\n',
      [['h'], ['a\nb'], ['c']],
      [1, 2, 6],
    ],
    ['blank lines at the end', 'h\nx\n\n\n', [['h'], ['x']], [1, 2]],
  ])('skips %s and still counts them', (_name, text, cells, lines) => {
    expect(cellsOf(text)).toEqual(cells);
    expect(linesOf(text)).toEqual(lines);
  });

  it.each([
    ['LF', '\uFEFFh1,h2\nx,y\n"p\nq",r\nlast,1\n', [1, 2, 3, 5]],
    ['CRLF', '\uFEFFh1,h2\r\nx,y\r\n"p\r\nq",r\r\nlast,1\r\n', [1, 2, 3, 5]],
    ['blank lines', '\uFEFFh1,h2\n\nx,y\n', [1, 3]],
    ['multi-byte characters', '\uFEFFé,ü\nß,"ö\n€"\n😀,z\n', [1, 2, 4]],
  ])(
    'with a byte-order mark (%s) lines are right and the BOM is not in the first cell',
    (_n, text, lines) => {
      const records = readCsvRecords(text, ',');
      expect(records.map((r) => r.line)).toEqual(lines);
      expect(records[0].cells[0].startsWith('\uFEFF')).toBe(false);
    },
  );

  it('counts lines, not bytes, after multi-byte UTF-8 characters', () => {
    const text = 'ʤʤʤ,ü\n"€\n€",😀😀\nlast,ééé\n"x",y\n';
    expect(linesOf(text)).toEqual([1, 2, 4, 5]);
    expect(cellsOf(text)).toEqual([
      ['ʤʤʤ', 'ü'],
      ['€\n€', '😀😀'],
      ['last', 'ééé'],
      ['x', 'y'],
    ]);
  });

  it.each([
    ['plain records', 'a,b\rc,d\re,f\r', [1, 2, 3]],
    ['blank lines', 'a,b\rc,d\r\re,f\r', [1, 2, 4]],
    ['an embedded CR', 'a,b\r"c\rx",d\re,f', [1, 2, 4]],
  ])('reads a CR-only file (old Mac line endings) with %s', (_name, text, lines) => {
    const records = readCsvRecords(text, ',');
    expect(records.map((r) => r.line)).toEqual(lines);
    expect(records.every((r) => r.cells.every((cell) => !cell.endsWith('\r')))).toBe(true);
  });

  it('reads the records of a CR-only file', () => {
    expect(cellsOf('a,b\r"c\rx",d\r\re,f\r')).toEqual([
      ['a', 'b'],
      ['c\rx', 'd'],
      ['e', 'f'],
    ]);
  });

  it('gives a record of only delimiters as empty cells (blank rows are dropped by the caller)', () => {
    expect(readCsvRecords('a,b\n,\nc,d\n', ',')).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['', ''], line: 2 },
      { cells: ['c', 'd'], line: 3 },
    ]);
  });
});

describe('readCsvRecords: broken quotes are MALFORMED_FILE with the line', () => {
  it.each([
    ['in the last line', 'a,b\nc,d\n"e,f', 3],
    [
      'with lines after it (the line where the quoted field opens)',
      'a,b\nc,d\n"e,f\ng,h\ni,j\n',
      3,
    ],
    ['in a later field, lines after it', 'a,b\nc,"d\n\ne,f\ng,h', 2],
    ['after a multi-line record', 'a,b\n"x\ny",z\nc,"d\ne,f\n', 4],
    ['CRLF', 'a,b\r\nc,d\r\n"e,f\r\ng,h\r\n', 3],
  ])('an unclosed quote %s', (_name, text, line) => {
    const error = readError(text);
    expect(error.code).toBe(ErrorCodes.MALFORMED_FILE);
    expect(error.details).toEqual({ line });
    expect(error.message).toContain(`line ${line}`);
  });

  it.each([
    ['a quote inside an unquoted field', 'a,b\nc,d"x"\ne,f\n', 2],
    ['text after a closing quote', 'a,b\nc,"d"x\ne,f\n', 2],
    ['a misplaced quote after a multi-line record', 'a,b\n"x\ny",z\nc,d"x"\n', 4],
  ])('%s', (_name, text, line) => {
    const error = readError(text);
    expect(error.code).toBe(ErrorCodes.MALFORMED_FILE);
    expect(error.details).toEqual({ line });
  });
});
