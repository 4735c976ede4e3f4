import iconv from 'iconv-lite';
import { randomUUID } from 'node:crypto';
import { csvFile, type FileRow, fileRow, HEADERS, jsonFile } from '../support/import-files';
import { expectImportedCleanly, importFilesSession } from '../support/import-session';

/**
 * Import files through the gateway (spec sections 3 and 4), the formats a file may come in:
 * comma, semicolon, tab and JSON, quoted CSV fields, the encodings spreadsheets save, and the
 * templates. What makes a whole file unusable, a global group, Idempotency-Key and the list
 * of imports are in imports-files-errors.e2e-spec.ts; row-level outcomes, dry runs, cancel,
 * the report and access in imports-rows-*.e2e-spec.ts.
 */

describe('Imports: file formats (as the bootstrap Master Administrator)', () => {
  const session = importFilesSession('imports-formats');
  const { importAndWait } = session;

  describe('file formats', () => {
    const commaRows = () => [
      fileRow({ enabled: 'yes', standardLicense: 'no', mobileLicense: 'Y' }),
      fileRow({
        name: '  Spaced Name  ',
        nickname: 'Spacey',
        enabled: 'TRUE',
        standardLicense: '0',
        mobileLicense: 'n',
      }),
      fileRow({
        ssoId: `sso-${randomUUID()}`,
        enabled: 'Enabled',
        standardLicense: 'N',
        mobileLicense: '1',
      }),
      fileRow({
        description: 'Night shift',
        enabled: 'disabled',
        standardLicense: 'y',
        mobileLicense: 'YES',
      }),
    ];
    const semicolonRows = () => [
      fileRow({ enabled: 'true', standardLicense: 'false', mobileLicense: 'yes' }),
      fileRow({ nickname: 'Semi', enabled: 'YES', standardLicense: 'No', mobileLicense: 'y' }),
      fileRow({ enabled: '1', standardLicense: '0', mobileLicense: 'FALSE' }),
      fileRow({ enabled: 'DISABLED', standardLicense: 'N', mobileLicense: 'True' }),
    ];
    const tabRows = () => [
      fileRow({ enabled: 'y', standardLicense: 'n', mobileLicense: 'no' }),
      fileRow({
        nickname: 'Tabby',
        enabled: 'Yes',
        standardLicense: 'TRUE',
        mobileLicense: 'false',
      }),
      fileRow({ enabled: 'eNaBlEd', standardLicense: '1', mobileLicense: '0' }),
      fileRow({ enabled: 'No', standardLicense: 'yes', mobileLicense: 'Y' }),
    ];
    const jsonRows = () => [
      fileRow({ enabled: true, standardLicense: false, mobileLicense: true }),
      fileRow({ nickname: 'Jason', enabled: 'yes', standardLicense: 'No', mobileLicense: 'Y' }),
      fileRow({ enabled: false, standardLicense: 'TRUE', mobileLicense: '0' }),
      fileRow({ enabled: 'Enabled', standardLicense: true, mobileLicense: false }),
    ];
    const inGroups = (rows: FileRow[]) =>
      rows.map((row, i) => ({
        ...row,
        groupId: (i % 2 === 0 ? session.groupA : session.groupB).id,
      }));
    const groupOf = (row: FileRow) =>
      row.groupId === session.groupA.id ? session.groupA : session.groupB;

    const files = {} as Record<
      'comma' | 'semicolon' | 'tab' | 'json',
      { rows: FileRow[]; result: { view: any; items: any[] } }
    >;

    beforeAll(async () => {
      const comma = inGroups(commaRows());
      const semicolon = inGroups(semicolonRows());
      const tab = inGroups(tabRows());
      const json = inGroups(jsonRows());
      // Blank lines are ignored; the tab file's headers differ in case and surrounding spaces.
      const commaText = csvFile(comma).replace('\n', '\n\n') + '\n\n';
      const tabHeaders = HEADERS.map((header, i) =>
        i % 2 ? ` ${header.toUpperCase()} ` : header.toLowerCase(),
      );
      const [commaResult, semicolonResult, tabResult, jsonResult] = await Promise.all([
        importAndWait(commaText, { fileName: 'comma.csv' }),
        importAndWait(csvFile(semicolon, { delimiter: ';', eol: '\r\n', bom: true }), {
          fileName: 'semicolon.csv',
        }),
        importAndWait(csvFile(tab, { delimiter: '\t', headers: tabHeaders }), {
          fileName: 'tab.txt',
        }),
        importAndWait(jsonFile(json), { fileName: 'technicians.json' }),
      ]);
      files.comma = { rows: comma, result: commaResult };
      files.semicolon = { rows: semicolon, result: semicolonResult };
      files.tab = { rows: tab, result: tabResult };
      files.json = { rows: json, result: jsonResult };
    });

    it('imports a comma-separated file (with blank lines) cleanly', async () => {
      expect(files.comma.result.view).toMatchObject({
        format: 'csv',
        fileName: 'comma.csv',
        groupId: null,
      });
      // A blank line follows the header: the records start on lines 3 to 6.
      expect(files.comma.result.items.map((item) => item.line)).toEqual([3, 4, 5, 6]);
      await expectImportedCleanly(session, files.comma.result, files.comma.rows, groupOf);
    });

    it('imports a semicolon-separated file with a UTF-8 byte-order mark and CRLF line ends cleanly', async () => {
      expect(files.semicolon.result.view).toMatchObject({
        format: 'csv',
        fileName: 'semicolon.csv',
      });
      expect(files.semicolon.result.items.map((item) => item.line)).toEqual([2, 3, 4, 5]);
      await expectImportedCleanly(session, files.semicolon.result, files.semicolon.rows, groupOf);
    });

    it('imports a tab-separated file whose headers differ only in case and spaces cleanly', async () => {
      expect(files.tab.result.view).toMatchObject({ format: 'csv', fileName: 'tab.txt' });
      await expectImportedCleanly(session, files.tab.result, files.tab.rows, groupOf);
    });

    it('imports a JSON file with booleans as JSON booleans and as words cleanly', async () => {
      expect(files.json.result.view).toMatchObject({
        format: 'json',
        fileName: 'technicians.json',
      });
      expect(files.json.result.items.map((item) => item.line)).toEqual([null, null, null, null]);
      await expectImportedCleanly(session, files.json.result, files.json.rows, groupOf);
    });
  });

  describe('quoted CSV fields', () => {
    it('keeps delimiters, doubled quotes and LF or CRLF line breaks inside quotes intact', async () => {
      const first = fileRow({
        name: 'Doe, Jane "JD"',
        nickname: 'J; D',
        description: 'first line\nsecond, "quoted" line',
        groupId: session.groupA.id,
      });
      const second = fileRow({
        name: 'Smith; John',
        description: 'windows line\r\nnext line; with "quotes"',
        groupId: session.groupB.id,
      });
      const third = fileRow({ name: 'After The Breaks', groupId: session.groupA.id });
      const commaText = csvFile([first, second, third]);
      expect(commaText).toContain('"Doe, Jane ""JD"""');

      const semi = fileRow({
        name: 'Lee; Ann, "Annie"',
        description: 'a;b\r\nc',
        groupId: session.groupB.id,
      });
      const [comma, semicolon] = await Promise.all([
        importAndWait(commaText),
        importAndWait(csvFile([semi], { delimiter: ';', eol: '\r\n' })),
      ]);

      // The header is line 1; a record starts after the lines of the one before it.
      expect(comma.items.map((item) => item.line)).toEqual([2, 4, 6]);
      expect(comma.items[0].name).toBe('Doe, Jane "JD"');
      await expectImportedCleanly(session, comma, [first, second, third], (row) =>
        row === second ? session.groupB : session.groupA,
      );
      await expectImportedCleanly(session, semicolon, [semi], () => session.groupB);
    });
  });

  describe('files as spreadsheets save them: the encoding (issue 12)', () => {
    it.each([
      [
        'Windows-1252 with semicolons and CRLF (Excel "CSV (Comma delimited)" in Europe)',
        'windows-1252',
        (rows: FileRow[]) =>
          iconv.encode(csvFile(rows, { delimiter: ';', eol: '\r\n' }), 'windows-1252'),
      ],
      [
        'UTF-16LE with a byte-order mark and tabs (Excel "Unicode Text")',
        'utf-16le',
        (rows: FileRow[]) =>
          Buffer.from('\ufeff' + csvFile(rows, { delimiter: '\t', eol: '\r\n' }), 'utf16le'),
      ],
      [
        'UTF-16BE with a byte-order mark',
        'utf-16be',
        (rows: FileRow[]) => Buffer.from('\ufeff' + csvFile(rows), 'utf16le').swap16(),
      ],
      [
        'UTF-8 with a byte-order mark (Excel "CSV UTF-8")',
        'utf-8',
        (rows: FileRow[]) => Buffer.from(csvFile(rows, { bom: true }), 'utf8'),
      ],
    ])('imports %s with its accents intact, and says which it read', async (_, encoding, file) => {
      const rows = [
        fileRow({
          name: 'José Müller',
          description: 'Straße – “Team” €',
          groupId: session.groupA.id,
        }),
        fileRow({ name: 'Zoë Ørsted', nickname: 'Zoë', groupId: session.groupA.id }),
      ];
      const result = await importAndWait(file(rows));
      expect(result.view.encoding).toBe(encoding);
      await expectImportedCleanly(session, result, rows, () => session.groupA);
    });
  });

  describe('templates', () => {
    /** The template's bytes as served (a BOM included), to upload them as they are. */
    async function template(path: string): Promise<{ response: Response; bytes: Buffer }> {
      const response = await fetch(`${session.stack.api.baseUrl}/api/v1/imports/${path}`, {
        headers: { authorization: `Bearer ${session.token}` },
      });
      return { response, bytes: Buffer.from(await response.arrayBuffer()) };
    }
    const asText = (bytes: Buffer) => bytes.toString('utf8').replace(/^\ufeff/, '');

    it.each([
      ['comma', 'template.csv?delimiter=comma', ','],
      ['semicolon', 'template.csv?delimiter=semicolon', ';'],
      ['tab', 'template.csv?delimiter=tab', '\t'],
      ['comma (the default)', 'template.csv', ','],
    ])(
      'serves a %s CSV template whose two example rows import cleanly as they are',
      async (_, path, delimiter) => {
        const { response, bytes } = await template(path);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
        const lines = asText(bytes)
          .split(/\r\n|\n/)
          .filter((line) => line !== '');
        expect(lines[0]).toBe(HEADERS.join(delimiter));
        expect(lines).toHaveLength(3);

        const { view, items: rows } = await importAndWait(bytes, { fileName: 'template.csv' });
        expect(view).toMatchObject({ status: 'completed', total: 2, succeeded: 2, failed: 0 });
        expect(rows.map((item) => item.status)).toEqual(['succeeded', 'succeeded']);
      },
    );

    it('serves a JSON template whose two example rows import cleanly as they are', async () => {
      const { response, bytes } = await template('template.json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const rows = JSON.parse(asText(bytes));
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(Object.keys(row)).toEqual(HEADERS);

      const { view } = await importAndWait(bytes, { fileName: 'template.json' });
      expect(view).toMatchObject({
        status: 'completed',
        format: 'json',
        total: 2,
        succeeded: 2,
        failed: 0,
      });
    });
  });
});
