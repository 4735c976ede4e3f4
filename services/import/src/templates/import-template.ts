import { randomInt } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import {
  CSV_DELIMITERS,
  CsvDelimiterName,
  IMPORT_COLUMNS,
  ImportTemplateReply,
} from '@app/contracts';

/** A password that meets every strength level: four character types, no character twice in a row. */
function examplePassword(): string {
  const sets = ['abcdefghjkmnpqrstuvwxyz', 'ABCDEFGHJKMNPQRSTUVWXYZ', '23456789', '-_.!#'];
  const chars: string[] = [];
  while (chars.length < 16) {
    const set = sets[chars.length % sets.length];
    let char = set[randomInt(set.length)];
    while (char === chars[chars.length - 1]) char = set[randomInt(set.length)];
    chars.push(char);
  }
  return chars.join('');
}

/**
 * Two example rows that would import cleanly: fresh emails, passwords that meet any
 * strength level, and (when the caller has one) a Tech Group ID of their own organization.
 */
export function exampleRows(
  groupId: string | undefined,
): Record<(typeof IMPORT_COLUMNS)[number], string | boolean>[] {
  const tag = randomInt(1e6).toString().padStart(6, '0');
  return [
    {
      Name: 'Jane Doe',
      Nickname: 'Jane',
      Email: `jane.doe.${tag}@example.com`,
      'Single Sign-On ID': '',
      Description: 'Tier 1 support',
      Password: examplePassword(),
      Enabled: true,
      'Standard License': true,
      'Mobile License': false,
      'Tech Group ID': groupId ?? '',
    },
    {
      Name: 'John Smith',
      Nickname: '',
      Email: `john.smith.${tag}@example.com`,
      'Single Sign-On ID': `jsmith-${tag}`,
      Description: 'Mobile devices',
      Password: examplePassword(),
      Enabled: true,
      'Standard License': false,
      'Mobile License': true,
      'Tech Group ID': groupId ?? '',
    },
  ];
}

export function csvTemplate(
  delimiterName: CsvDelimiterName,
  groupId: string | undefined,
): ImportTemplateReply {
  const rows = exampleRows(groupId).map((row) =>
    IMPORT_COLUMNS.map((column) => String(row[column])),
  );
  return {
    fileName: `technicians-template-${delimiterName}.csv`,
    contentType: 'text/csv; charset=utf-8',
    content:
      '\ufeff' +
      stringify([[...IMPORT_COLUMNS], ...rows], {
        delimiter: CSV_DELIMITERS[delimiterName],
        record_delimiter: 'windows',
      }),
  };
}

export function jsonTemplate(groupId: string | undefined): ImportTemplateReply {
  return {
    fileName: 'technicians-template.json',
    contentType: 'application/json; charset=utf-8',
    content: JSON.stringify(exampleRows(groupId), null, 2) + '\n',
  };
}
