import { IMPORT_COLUMNS } from '@app/contracts';
import {
  csvFile,
  expectNoFaults,
  HOSTILE,
  hostileImportSession,
  inLanes,
  jsonFile,
  label,
  uploadMismatch,
} from '../support/hostile-import';
import { uploadOutcome } from '../support/import-rules';

/**
 * Hostile input through import files (issue 6), as whole files and upload fields: raw
 * hostile files (a string as the whole file or as the header, truncated files, NUL bytes),
 * hostile file names, groupId fields and Idempotency-Keys. Each upload gets the one answer
 * spec section 4 gives its bytes (test/support/import-rules.ts): 202, or the exact
 * file-level code; never a 5xx. Afterwards (in afterAll), every accepted import finished and
 * the stack is healthy, as hostile-import-rows.e2e-spec.ts tests for its own.
 */

describe('Hostile input through import files: whole files and upload fields', () => {
  const session = hostileImportSession('hostileimportfiles', 'hostile-import-files', {
    checkInAfterAll: true,
  });
  const { upload, baseRow } = session;

  /** A small valid CSV file (dry runs of it create nothing). */
  const validCsv = () => csvFile([baseRow(), baseRow()], ',');

  describe('raw hostile files', () => {
    /** Uploads each file as a dry run; collects answers other than the rules' one for its bytes. */
    async function uploadEach(files: { what: string; content: string | Buffer }[]) {
      const faults: string[] = [];
      await inLanes(files, async ({ what, content }) => {
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        const fault = uploadMismatch(await upload(bytes, { dryRun: true }), uploadOutcome(bytes));
        if (fault) faults.push(`${what}: ${fault}`);
      });
      return faults;
    }

    it('answers every string as the whole file with 202 or the file-level code its bytes deserve', async () => {
      const files = HOSTILE.filter((value) => value !== '').map((value) => ({
        what: label(HOSTILE.indexOf(value)),
        content: value,
      }));
      expectNoFaults(await uploadEach(files));
    });

    it('answers every string as the header row, or as one header, with the file-level code its bytes deserve', async () => {
      const row = csvFile([baseRow()], ',').split('\r\n')[1];
      const files = HOSTILE.flatMap((value, index) => {
        const headers = [...IMPORT_COLUMNS] as string[];
        headers[index % headers.length] = value;
        return [
          { what: `${label(index)} as the header`, content: `${value}\r\n${row}\r\n` },
          {
            what: `${label(index)} as header ${(index % headers.length) + 1}`,
            content: `${headers.map((h) => `"${h.replace(/"/g, '""')}"`).join(',')}\r\n${row}\r\n`,
          },
          {
            what: `${label(index)} as a JSON key`,
            content: JSON.stringify([{ ...Object.fromEntries(headers.map((h) => [h, 'x'])) }]),
          },
        ];
      });
      expectNoFaults(await uploadEach(files));
    });

    it('answers a CSV and a JSON file cut at every byte with 202 or the file-level code its bytes deserve', async () => {
      const rows = [
        baseRow(),
        { ...baseRow(), Name: 'Quoted, "name"\r\nover two lines', Description: 'ünïcødé 🙂' },
      ];
      const csv = Buffer.from(csvFile(rows, ';'), 'utf8');
      const json = Buffer.from(jsonFile(rows), 'utf8');
      const files = [
        ...Array.from({ length: csv.length - 1 }, (_, i) => ({
          what: `the CSV cut at byte ${i + 1}`,
          content: csv.subarray(0, i + 1),
        })),
        ...Array.from({ length: json.length - 1 }, (_, i) => ({
          what: `the JSON cut at byte ${i + 1}`,
          content: json.subarray(0, i + 1),
        })),
      ];
      expectNoFaults(await uploadEach(files));
    });

    it('answers files with NUL bytes (at the start, inside a cell, at the end, after 8 KiB) with 202 or the file-level code their bytes deserve', async () => {
      const csv = validCsv();
      const padding = `${'x'.repeat(9000)}`;
      const withNul = (text: string, at: number) =>
        Buffer.concat([
          Buffer.from(text.slice(0, at)),
          Buffer.from([0]),
          Buffer.from(text.slice(at)),
        ]);
      const late = csvFile(
        [
          { ...baseRow(), Description: padding },
          { ...baseRow(), Name: 'a\u0000b' },
        ],
        ',',
      );
      const files = [
        { what: 'a NUL first', content: withNul(csv, 0) },
        { what: 'a NUL inside a cell', content: withNul(csv, csv.indexOf('Hostile Import') + 3) },
        { what: 'a NUL last', content: withNul(csv, csv.length) },
        { what: 'only NUL bytes', content: Buffer.alloc(100) },
        { what: 'a NUL after 8 KiB of text', content: Buffer.from(late, 'utf8') },
        { what: 'an escaped NUL in JSON', content: jsonFile([{ ...baseRow(), Name: 'a\u0000b' }]) },
        { what: 'UTF-16 with a byte-order mark', content: Buffer.from(`\ufeff${csv}`, 'utf16le') },
        { what: 'bytes that are not UTF-8', content: Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x41]) },
      ];
      const expected = files.map(({ content }) =>
        uploadOutcome(typeof content === 'string' ? Buffer.from(content) : content),
      );
      // Three are read: the rows with NUL fail alone (checked above, by the rules), UTF-16 is
      // text; the bytes that are not UTF-8 read as Windows-1252, and are not the header.
      expect(expected.map((e) => e.status)).toEqual([415, 415, 415, 415, 202, 202, 202, 400]);
      expectNoFaults(await uploadEach(files));
    });
  });

  describe('hostile upload fields', () => {
    /**
     * The file name as it comes back: what the client sent (fetch writes a lone surrogate
     * as U+FFFD), without any folder part (a path separator, / or \, ends a folder name),
     * shown without control characters, trimmed, at most 255 characters, `upload` when
     * nothing is left. The client escapes line breaks and quotes (%0A, %0D, %22, the HTML
     * rule); the server reads them back.
     */
    function shownFileName(value: string): string {
      const sent = Buffer.from(value, 'utf8').toString('utf8');
      const base = sent.split(/[/\\]/).pop()!;
      const cleaned = Array.from(base)
        // eslint-disable-next-line no-control-regex
        .filter((char) => !/[\u0000-\u001f\u007f]/.test(char))
        .join('')
        .trim();
      return Array.from(cleaned || 'upload')
        .slice(0, 255)
        .join('');
    }

    it('takes every string as the file name (202), showing it back as sent; a name with control characters makes the part unreadable (400 naming file), an empty one is no file (400 FILE_REQUIRED)', async () => {
      const faults: string[] = [];
      await inLanes(
        HOSTILE.map((value, index) => ({ value, index })),
        async ({ value, index }) => {
          const response = await upload(validCsv(), { fileName: value, dryRun: true });
          // A header holds no control character but tab (fetch escapes only CR, LF and ").
          // eslint-disable-next-line no-control-regex
          const unreadable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
          // A file part without a name is what a browser sends when no file was chosen; a
          // lone backslash escapes the quote that should close filename="\" (the HTML form
          // encoding escapes only CR, LF and "), so the part arrives without a name too.
          const nameless = value === '' || value === '\\';
          const fault = uploadMismatch(
            response,
            unreadable
              ? {
                  status: 400,
                  code: 'VALIDATION_FAILED',
                  fields: { file: 'MALFORMED_MULTIPART' },
                }
              : nameless
                ? { status: 400, code: 'FILE_REQUIRED' }
                : { status: 202 },
          );
          if (fault) faults.push(`${label(index)}: ${fault}`);
          else if (!unreadable && !nameless && response.body.fileName !== shownFileName(value))
            faults.push(
              `${label(index)}: fileName ${JSON.stringify(response.body.fileName)}, expected ${JSON.stringify(shownFileName(value))}`,
            );
        },
      );
      expectNoFaults(faults);
    });

    it('answers every string as the groupId field with 400 VALIDATION_FAILED naming groupId (it is not a group id)', async () => {
      const faults: string[] = [];
      await inLanes(
        HOSTILE.map((value, index) => ({ value, index })),
        async ({ value, index }) => {
          // What the server reads: fetch writes the string's UTF-8 with CRLF line breaks.
          const sent = Buffer.from(value, 'utf8')
            .toString('utf8')
            .replace(/\r\n|\r|\n/g, '\r\n');
          const response = await upload(validCsv(), { groupId: value, dryRun: true });
          // Form fields are limited to 1 KiB: a longer one is refused as it is read.
          const code = Buffer.byteLength(sent) > 1024 ? 'LIMIT_FIELD_VALUE' : 'INVALID';
          const fault = uploadMismatch(response, {
            status: 400,
            code: 'VALIDATION_FAILED',
            fields: { groupId: code },
          });
          if (fault) faults.push(`${label(index)}: ${fault}`);
        },
      );
      expectNoFaults(faults);
    });

    it('takes every valid string as the Idempotency-Key once (202; again with another file: 422), refuses the others with 400 naming the header', async () => {
      const faults: string[] = [];
      // fetch sends a header value's bytes without surrounding blanks.
      const keyOf = (value: string) =>
        Buffer.from(value, 'utf8')
          .toString('latin1')
          .replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
      const valid = (key: string) => /^[A-Za-z0-9:._-]{1,200}$/.test(key);
      // Equal keys go one after another: the first takes it, the others find it taken.
      const groups = new Map<string, { value: string; index: number }[]>();
      HOSTILE.forEach((value, index) => {
        // fetch cannot send control characters in a header (hostile-rest sends them raw).
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) return;
        const key = valid(keyOf(value)) ? keyOf(value) : `#${index}`;
        groups.set(key, [...(groups.get(key) ?? []), { value, index }]);
      });
      await inLanes([...groups.values()], async (group) => {
        for (const [nth, { value, index }] of group.entries()) {
          const key = keyOf(value);
          const response = await upload(validCsv(), {
            idempotencyKey: Buffer.from(value, 'utf8').toString('latin1'),
            dryRun: true,
          });
          const fault = uploadMismatch(
            response,
            !valid(key)
              ? { status: 400, code: 'VALIDATION_FAILED', fields: { 'Idempotency-Key': 'INVALID' } }
              : nth === 0
                ? { status: 202 }
                : { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' },
          );
          if (fault) faults.push(`${label(index)}: ${fault}`);
        }
      });
      expectNoFaults(faults);
    });
  });
});
