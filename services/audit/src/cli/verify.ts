import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { isUUID } from 'class-validator';
import { Client } from 'pg';
import { loadSettingsOrExit } from '@app/platform';
import { AuditServiceSettings } from '../config/env';
import { verifyChain } from '../chain/chain-verification';

/**
 * npm run audit:verify -- --organization ORGANIZATION_ID
 *
 * Re-computes the organization's hash chain in the audit database (AUDIT_DATABASE_URL) and
 * prints `ok <n> entries` (exit 0), or the first entry that does not match, by sequence and
 * id (exit 1). Reads only; the audit service may keep running.
 */
async function main(): Promise<number> {
  let organization: string | undefined;
  try {
    ({
      values: { organization },
    } = parseArgs({ options: { organization: { type: 'string' } } }));
  } catch {
    organization = undefined;
  }
  if (!organization || !isUUID(organization)) {
    process.stderr.write('usage: npm run audit:verify -- --organization <organization id>\n');
    return 2;
  }
  const settings = loadSettingsOrExit(AuditServiceSettings, 'audit:verify');
  const client = new Client({ connectionString: settings.AUDIT_DATABASE_URL });
  await client.connect();
  try {
    const verdict = await verifyChain(
      async (sql, params) => (await client.query<Record<string, unknown>>(sql, params)).rows,
      organization,
    );
    if (verdict.ok) {
      process.stdout.write(`ok ${verdict.entries} entries\n`);
      return 0;
    }
    process.stdout.write(
      `mismatch at sequence ${verdict.sequence}${verdict.id ? ` (entry ${verdict.id})` : ''}: ${verdict.reason}; ${verdict.entries} entries before it verify\n`,
    );
    return 1;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `audit:verify failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(2);
  },
);
