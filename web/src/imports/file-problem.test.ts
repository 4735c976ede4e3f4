import { describe, expect, it } from 'vitest';
import { ApiProblem, type Problem } from '../api/client';
import i18n from '../i18n/i18n';
import { FILE_PROBLEM_CODES, fileProblemWords } from './file-problem';

const problem = (status: number, code: string, extensions: Record<string, unknown> = {}) =>
  new ApiProblem(status, {
    type: `urn:rac:problem:${code}`,
    title: 'server title',
    status,
    detail: 'server detail',
    code,
    errors: [],
    ...extensions,
  } as unknown as Problem);

const EXPECTED = [
  'Name',
  'Nickname',
  'Email',
  'Single Sign-On ID',
  'Description',
  'Password',
  'Enabled',
  'Standard License',
  'Mobile License',
  'Tech Group ID',
];

describe('a refused file, in words', () => {
  const t = i18n.getFixedT('en');

  it('has words of its own for every file-level code, never the code or the server detail', () => {
    for (const code of FILE_PROBLEM_CODES) {
      const { message } = fileProblemWords(problem(400, code), t);
      expect(message).not.toContain(code);
      expect(message).not.toBe('server detail');
      expect(message.length).toBeGreaterThan(10);
    }
  });

  it('HEADER_MISMATCH: expected and found side by side, and the first column that differs', () => {
    const found = ['Name', 'Nickname', 'E-mail', ...EXPECTED.slice(3)];
    const words = fileProblemWords(
      problem(400, 'HEADER_MISMATCH', { expected: EXPECTED, found, position: 3 }),
      t,
    );
    expect(words.message).toBe(
      'The header row is not the expected one. Column 3 should be “Email” but is “E-mail”.',
    );
    expect(words.headers).toEqual({ expected: EXPECTED, found, position: 3 });
  });

  it('HEADER_MISMATCH: a missing column, one too many, and a JSON object', () => {
    const short = fileProblemWords(
      problem(400, 'HEADER_MISMATCH', {
        expected: EXPECTED,
        found: EXPECTED.slice(0, 9),
        position: 10,
      }),
      t,
    );
    expect(short.message).toContain('Column 10 should be “Tech Group ID” but is missing.');
    const long = fileProblemWords(
      problem(400, 'HEADER_MISMATCH', {
        expected: EXPECTED,
        found: [...EXPECTED, 'Extra'],
        position: 11,
      }),
      t,
    );
    expect(long.message).toContain('Column 11 (“Extra”) is one too many.');
    const json = fileProblemWords(
      problem(400, 'HEADER_MISMATCH', { expected: EXPECTED, found: ['name'], position: 2, row: 4 }),
      t,
    );
    expect(json.message).toMatch(/^The keys of object 4 are not the expected ones\./);
  });

  it('MALFORMED_FILE names the line, and the field counts when they are known', () => {
    expect(fileProblemWords(problem(400, 'MALFORMED_FILE', { line: 7 }), t).message).toBe(
      'The file cannot be read at line 7.',
    );
    expect(
      fileProblemWords(
        problem(400, 'MALFORMED_FILE', { line: 3, expectedFields: 10, foundFields: 12 }),
        t,
      ).message,
    ).toBe(
      'The file cannot be read at line 3. That row has 12 columns where the header has 10 (check the delimiter and the quotes).',
    );
  });

  it('TOO_MANY_ROWS names the limit and the count; FILE_TOO_LARGE the size limit', () => {
    expect(
      fileProblemWords(problem(400, 'TOO_MANY_ROWS', { limit: 500, count: 501 }), t).message,
    ).toBe(
      'The file has 501 rows; at most 500 can be imported at once. Split it into smaller files.',
    );
    expect(
      fileProblemWords(problem(413, 'FILE_TOO_LARGE', { limit: 1048576 }), t).message,
    ).toContain('limited to 1 MiB');
  });

  it('not UTF-8 (415) tells how to save the file', () => {
    expect(fileProblemWords(problem(415, 'UNSUPPORTED_FORMAT'), t).message).toContain(
      '“CSV UTF-8”',
    );
  });

  it('other problems get the common words, and German words exist too', () => {
    expect(fileProblemWords(problem(403, 'FORBIDDEN'), t).message).toBe(
      'You are not allowed to do this.',
    );
    expect(fileProblemWords(new TypeError('Failed to fetch'), t).message).toContain(
      'cannot be reached',
    );
    expect(
      fileProblemWords(problem(400, 'MALFORMED_FILE', { line: 2 }), i18n.getFixedT('de')).message,
    ).toBe('Die Datei kann in Zeile 2 nicht gelesen werden.');
  });

  it('writes the size limit in the reader’s language', () => {
    const tooLarge = problem(413, 'FILE_TOO_LARGE', { limit: 1.5 * 1024 * 1024 });
    expect(fileProblemWords(tooLarge, i18n.getFixedT('fr'), 'fr').message).toContain('1,5 MB');
    expect(fileProblemWords(tooLarge, i18n.getFixedT('en'), 'en').message).toContain('1.5 MB');
  });
});
