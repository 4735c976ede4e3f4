import type { TFunction } from 'i18next';
import { ApiProblem } from '../api/client';
import { problemMessage } from '../ui/problem';
import { formatBytes } from '../i18n/format';

/** The codes that refuse a whole file before anything is created. */
export const FILE_PROBLEM_CODES = [
  'FILE_REQUIRED',
  'FILE_EMPTY',
  'MALFORMED_FILE',
  'HEADER_MISMATCH',
  'TOO_MANY_ROWS',
  'NO_ROWS',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'GROUP_NOT_FOUND',
] as const;

/** A refused upload in words: what is wrong, and for a header, what was expected and found. */
export interface FileProblemWords {
  message: string;
  /** Only for HEADER_MISMATCH: the headers side by side, and the first column that differs. */
  headers?: { expected: string[]; found: string[]; position: number };
}

const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Words for a refused upload, from the problem's code and extension fields (line, expected,
 * found, position, limit, count); anything else in the common words of problems.
 */
export function fileProblemWords(error: unknown, t: TFunction, language = 'en'): FileProblemWords {
  if (!(error instanceof ApiProblem)) return { message: problemMessage(error, t) };
  const p = error.problem;
  switch (error.code) {
    case 'FILE_REQUIRED':
    case 'FILE_EMPTY':
    case 'NO_ROWS':
    case 'UNSUPPORTED_FORMAT':
    case 'GROUP_NOT_FOUND':
      return { message: t(`imports:fileProblems.${error.code}`) };
    case 'FILE_TOO_LARGE':
      return {
        message: t('imports:fileProblems.FILE_TOO_LARGE', {
          limit: formatBytes(number(p.limit) ?? 1024 * 1024, language),
        }),
      };
    case 'TOO_MANY_ROWS': {
      const limit = number(p.limit);
      const count = number(p.count);
      return {
        message:
          limit !== undefined && count !== undefined
            ? t('imports:fileProblems.TOO_MANY_ROWS', { count, limit })
            : t('imports:fileProblems.TOO_MANY_ROWS_PLAIN'),
      };
    }
    case 'MALFORMED_FILE': {
      const line = number(p.line);
      const row = number(p.row);
      const expectedFields = number(p.expectedFields);
      const foundFields = number(p.foundFields);
      let message =
        line !== undefined
          ? t('imports:fileProblems.MALFORMED_FILE_LINE', { line })
          : row !== undefined
            ? t('imports:fileProblems.MALFORMED_FILE_ELEMENT', { row })
            : t('imports:fileProblems.MALFORMED_FILE');
      if (expectedFields !== undefined && foundFields !== undefined) {
        message += ` ${t('imports:fileProblems.fieldCount', { found: foundFields, expected: expectedFields })}`;
      }
      return { message };
    }
    case 'HEADER_MISMATCH': {
      const expected = strings(p.expected);
      const found = strings(p.found);
      const position = number(p.position) ?? 1;
      const row = number(p.row);
      const want = expected[position - 1];
      const got = found[position - 1];
      const where =
        want === undefined
          ? t('imports:fileProblems.headerExtra', { position, found: got })
          : got === undefined
            ? t('imports:fileProblems.headerMissing', { position, expected: want })
            : t('imports:fileProblems.headerDiffers', { position, expected: want, found: got });
      const intro =
        row !== undefined
          ? t('imports:fileProblems.HEADER_MISMATCH_JSON', { row })
          : t('imports:fileProblems.HEADER_MISMATCH');
      return { message: `${intro} ${where}`, headers: { expected, found, position } };
    }
    default:
      return { message: problemMessage(error, t) };
  }
}
