import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { queryDatabase } from './databases';
import { REDIS_URL } from './infra';
import type { Stack } from './stack';

/**
 * Looking for passwords where none may be (the security suites, test/e2e/security-*): the
 * needles one password is looked for as, and the places to look in (Redis, the databases,
 * the logs).
 */

/** The needles one password is looked for as: plain, URL-encoded, hex, and base64 at every alignment. */
export function encodings(password: string): { encoding: string; needle: string }[] {
  const bytes = Buffer.from(password, 'utf8');
  const found = new Map<string, string>([
    [password, 'plain'],
    [encodeURIComponent(password), 'URL-encoded'],
    [bytes.toString('hex'), 'hex'],
  ]);
  for (const offset of [0, 1, 2]) {
    // Base64 of the password inside a longer text: the characters that depend on it alone.
    const encoded = Buffer.concat([Buffer.alloc(offset, 0x20), bytes]).toString('base64');
    const core = encoded.slice(offset === 0 ? 0 : 4, Math.floor((offset + bytes.length) / 3) * 4);
    if (!found.has(core)) found.set(core, `base64 at offset ${offset}`);
    const url = core.replace(/\+/g, '-').replace(/\//g, '_');
    if (!found.has(url)) found.set(url, `base64url at offset ${offset}`);
  }
  return [...found].map(([needle, encoding]) => ({ encoding, needle }));
}

/** Every key of the prefix, whatever its type, with its whole value, as one text. */
export async function dumpRedis(prefix: string): Promise<string> {
  const redis = new Redis(REDIS_URL);
  const text = (values: (Buffer | string)[]) =>
    values.map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v)).join('\n');
  try {
    const parts: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        parts.push(`\u0000KEY ${key} (${type})`);
        if (type === 'string') parts.push(text([(await redis.getBuffer(key)) ?? '']));
        else if (type === 'hash')
          parts.push(text(await redis.hgetallBuffer(key).then(flattenHash)));
        else if (type === 'list') parts.push(text(await redis.lrangeBuffer(key, 0, -1)));
        else if (type === 'set') parts.push(text(await redis.smembersBuffer(key)));
        else if (type === 'zset')
          parts.push(text(await redis.zrangeBuffer(key, 0, -1, 'WITHSCORES')));
        else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
        else parts.push(`(unread type ${type})`);
      }
    } while (cursor !== '0');
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

function flattenHash(hash: Record<string, Buffer>): (Buffer | string)[] {
  return Object.entries(hash).flatMap(([field, value]) => [field, value]);
}

/** `SELECT *` of every table (and view) of the public schema, as text per table. */
async function dumpDatabase(database: string): Promise<Record<string, string>> {
  const tables = await queryDatabase<{ table_name: string }>(
    database,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
  );
  const dump: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const rows = await queryDatabase(
      database,
      `SELECT * FROM public."${table.replace(/"/g, '""')}"`,
    );
    dump[table] = rows
      .map((row) =>
        Object.entries(row)
          .map(([column, value]) => `${column}=${cellText(value)}`)
          .join('\t'),
      )
      .join('\n');
  }
  return dump;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

/**
 * The places of a stack a password could have been written to, by name: every table of its
 * databases, its log files and the log lines its services printed.
 */
export async function storedPlaces(stack: Stack): Promise<Record<string, string>> {
  const places: Record<string, string> = {};
  for (const [name, database] of Object.entries(stack.env.databases)) {
    for (const [table, text] of Object.entries(await dumpDatabase(database))) {
      places[`database ${name}, table ${table}`] = text;
    }
  }
  for (const file of readdirSync(stack.env.logDir)) {
    places[`log file ${file}`] = readFileSync(path.join(stack.env.logDir, file), 'latin1');
  }
  for (const [name, service] of Object.entries(stack.services)) {
    places[`log lines of ${name}`] = service.lines.join('\n');
  }
  return places;
}

/** Each password (of `secrets`: password → what it was used for) found in a place, in any encoding. */
export function findLeaks(
  places: Record<string, string>,
  secrets: Map<string, string>,
): { needles: number; leaks: string[] } {
  const needles = [...secrets.keys()].flatMap((password) =>
    encodings(password).map(({ encoding, needle }) => ({ password, encoding, needle })),
  );
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(places)) {
    for (const { password, encoding, needle } of needles) {
      if (text.includes(needle)) leaks.push(`${secrets.get(password)} (${encoding}) in ${where}`);
    }
  }
  return { needles: needles.length, leaks };
}
