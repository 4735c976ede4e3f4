import { brokenRules, policyViolations, TextField, wellFormed } from './field-rules';
import { uniqueEmail } from './fixtures';
import {
  API,
  type Cells,
  type HostileImportSession,
  inLanes,
  uploadMismatch,
} from './hostile-import';
import {
  booleanOf,
  Column,
  RowContext,
  RowError,
  rowErrors,
  rowErrorsMismatch,
} from './import-rules';

/**
 * Hostile values planted in the cells of import rows (hostile-import-rows.e2e-spec.ts): the
 * rows a value makes, the files they go in, and the check of every row and technician an
 * import of them makes, by the rules of test/support/import-rules.ts and field-rules.ts.
 */

const ROWS_PER_FILE = 500;
const TEXT_COLUMNS: Column[] = ['Name', 'Nickname', 'Single Sign-On ID', 'Description'];
const BOOLEAN_COLUMNS: Column[] = ['Enabled', 'Standard License', 'Mobile License'];

const FIELD_OF: Record<Column, string> = {
  Name: 'name',
  Nickname: 'nickname',
  Email: 'email',
  'Single Sign-On ID': 'ssoId',
  Description: 'description',
  Password: 'password',
  Enabled: 'enabled',
  'Standard License': 'standardLicense',
  'Mobile License': 'mobileLicense',
  'Tech Group ID': 'groupId',
};

/** Does the cell pass its column's own rules (blank optional cells do)? */
function cellPasses(column: Column, value: unknown): boolean {
  if (BOOLEAN_COLUMNS.includes(column)) return booleanOf(value, column) !== undefined;
  if (typeof value !== 'string') return false;
  if (column !== 'Name' && value.trim() === '') return true;
  return brokenRules(FIELD_OF[column] as TextField, value).length === 0;
}

export interface Planted {
  /** The columns holding the value. */
  columns: Column[];
  value: unknown;
  /** What the value is, for findings. */
  what: string;
  row: Cells;
  /** Imported as a dry run: checked exactly as a real row, nothing created. */
  dryRun?: boolean;
  /** Set when the files are made: the errors the row must end with (none: it succeeds). */
  expected?: RowError[];
}

/**
 * The first passwords the policy takes, imported for real too, to sign in with: what
 * identity hashed is what the file held.
 */
export function signInRows(planted: Planted[], count = 5): Planted[] {
  return planted
    .filter(
      (p) =>
        p.dryRun &&
        typeof p.value === 'string' &&
        p.value.trim() !== '' &&
        wellFormed(p.value) &&
        policyViolations(p.value).length === 0,
    )
    .slice(0, count)
    .map((p) => ({
      ...p,
      what: p.what.replace(' (dry run)', ''),
      row: { ...p.row, Email: uniqueEmail('signin') },
      dryRun: false,
    }));
}

/**
 * Splits the rows into files of at most 500, keeping rows that share an email or a
 * Single Sign-On ID in one file (in order): which of them finds it taken is then the
 * file's business (DUPLICATE_IN_FILE), not a race between imports running at once.
 */
function files(planted: Planted[]): Planted[][] {
  return [...packed(planted.filter((p) => !p.dryRun)), ...packed(planted.filter((p) => p.dryRun))];
}

function packed(planted: Planted[]): Planted[][] {
  const keyOf = (p: Planted) => {
    const email = p.row.Email;
    const ssoId = p.row['Single Sign-On ID'];
    return [
      typeof email === 'string' ? `e:${email.trim().toLowerCase()}` : undefined,
      typeof ssoId === 'string' && ssoId.trim() ? `s:${ssoId.trim()}` : undefined,
    ].filter((k): k is string => k !== undefined);
  };
  // Union-find over shared keys.
  const parent = planted.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const owner = new Map<string, number>();
  planted.forEach((p, i) =>
    keyOf(p).forEach((key) => {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[root(i)] = root(j);
    }),
  );
  const components = new Map<number, Planted[]>();
  planted.forEach((p, i) => components.set(root(i), [...(components.get(root(i)) ?? []), p]));
  const result: Planted[][] = [[]];
  for (const component of components.values()) {
    if (result[result.length - 1].length + component.length > ROWS_PER_FILE) result.push([]);
    result[result.length - 1].push(...component);
  }
  return result.filter((file) => file.length > 0);
}

/** The calls of a test file that plants values in rows, on its session. */
export function hostileRows(session: HostileImportSession) {
  /**
   * Rows for a value: one with it in the four text columns, one in Email, one in Password,
   * one in the three boolean columns, one in Tech Group ID; and for the text and boolean
   * rows, when some of their columns refuse the value, another with it in the ones that
   * take it (to be stored and read back).
   */
  function plant(value: unknown, what: string): Planted[] {
    const planted: Planted[] = [];
    const add = (columns: Column[], dryRun = false) =>
      planted.push({
        columns,
        value,
        what: `${what} in ${columns.join(', ')}${dryRun ? ' (dry run)' : ''}`,
        row: {
          ...session.baseRow(),
          ...Object.fromEntries(columns.map((column) => [column, value])),
        },
        dryRun,
      });
    for (const columns of [TEXT_COLUMNS, BOOLEAN_COLUMNS]) {
      add(columns);
      const passing = columns.filter((column) => cellPasses(column, value));
      if (passing.length > 0 && passing.length < columns.length) add(passing);
    }
    for (const column of ['Email', 'Tech Group ID'] as Column[]) add([column]);
    // A password is only checked (stored, it is a hash nobody reads back): a dry run checks
    // it exactly as an import would, without the hash. A few are imported for real, below.
    add(['Password'], true);
    return planted;
  }

  /** The technician a succeeded row makes, as GET reads it (spec section 2 rules). */
  function technicianOf(row: Cells): Record<string, unknown> {
    const text = (column: Column) => {
      const value = row[column];
      return typeof value === 'string' ? value : '';
    };
    const name = text('Name').trim();
    return {
      groupId: session.home.id,
      name,
      nickname: text('Nickname').trim() || name,
      email: text('Email').trim(),
      ssoId: text('Single Sign-On ID').trim() || null,
      description: text('Description').trim() === '' ? '' : text('Description'),
      enabled: booleanOf(row.Enabled, 'Enabled'),
      standardLicense: booleanOf(row['Standard License'], 'Standard License'),
      mobileLicense: booleanOf(row['Mobile License'], 'Mobile License'),
    };
  }

  /**
   * Imports the rows (files of up to 500, uploaded at once) and checks every import and
   * every row against what the rules say, then the technicians of succeeded rows, read
   * back from the group's list, against the file's cells; then deletes those technicians,
   * so that their emails and Single Sign-On IDs are free for the next test.
   */
  async function importAndCheck(
    planted: Planted[],
    fileOf: (rows: Cells[], file: number) => { content: string; name: string },
  ): Promise<{ faults: string[]; succeeded: number }> {
    const faults: string[] = [];
    const batches = files(planted);
    for (const batch of batches) {
      const context: RowContext = {
        fileEmails: new Set(),
        fileSsoIds: new Set(),
        takenEmails: new Set(),
        takenSsoIds: new Set(),
        groups: new Set([session.home.id]),
      };
      for (const p of batch) p.expected = rowErrors(p.row, context);
    }
    const results = await Promise.all(
      batches.map(async (batch, file) => {
        const { content, name } = fileOf(
          batch.map((p) => p.row),
          file,
        );
        const response = await session.upload(content, { fileName: name, dryRun: batch[0].dryRun });
        session.figures.rows += batch.length;
        const fault = uploadMismatch(response, { status: 202 });
        if (fault) faults.push(`${name}: ${fault}`);
        return fault ? undefined : { batch, name, id: response.body.id as string };
      }),
    );
    const made = new Map<string, Planted>();
    for (const result of results) {
      if (!result) continue;
      const view = await session.finished(result.id);
      const items = await session.everyPage(`${API}/imports/${result.id}/items`);
      const succeeded = result.batch.filter((p) => p.expected!.length === 0).length;
      const summary = {
        status: view.status,
        total: view.total,
        processed: view.processed,
        succeeded: view.succeeded,
        failed: view.failed,
        items: items.length,
      };
      const total = result.batch.length;
      const wanted = {
        status: 'completed',
        total,
        processed: total,
        succeeded,
        failed: total - succeeded,
        items: total,
      };
      if (JSON.stringify(summary) !== JSON.stringify(wanted))
        faults.push(
          `${result.name}: ${JSON.stringify(summary)}, expected ${JSON.stringify(wanted)}`,
        );
      for (const item of items) {
        const p = result.batch[item.row - 1];
        const where = `${result.name} row ${item.row} (${p.what})`;
        if (p.expected!.length === 0) {
          if (
            item.status !== 'succeeded' ||
            item.errors.length > 0 ||
            !item.technicianId !== Boolean(p.dryRun)
          )
            faults.push(
              `${where}: ended ${item.status} ${JSON.stringify(item.errors)} ${item.technicianId}`,
            );
          else if (!p.dryRun) made.set(item.technicianId, p);
          continue;
        }
        const mismatch = rowErrorsMismatch(item.errors, p.expected!);
        if (item.status !== 'failed' || mismatch)
          faults.push(`${where}: ${item.status}, ${mismatch ?? 'as expected'}`);
      }
    }
    // What the succeeded rows made, read back from the group's list.
    const listed = new Map(
      (await session.everyPage(`${API}/groups/${session.home.id}/technicians`)).map((t) => [
        t.id,
        t,
      ]),
    );
    if (listed.size !== made.size)
      faults.push(`the group lists ${listed.size} technicians, ${made.size} rows succeeded`);
    for (const [id, p] of made) {
      const technician = listed.get(id);
      const expected = technicianOf(p.row);
      const stored =
        technician && Object.fromEntries(Object.keys(expected).map((k) => [k, technician[k]]));
      if (JSON.stringify(stored) !== JSON.stringify(expected))
        faults.push(`${p.what}: stored ${JSON.stringify(stored)?.slice(0, 300)}`);
      if (p.columns.includes('Password')) {
        const login = await session.stack.api.post(`${API}/auth/login`, {
          email: expected.email,
          password: p.value,
        });
        session.counted(login.status);
        if (login.status !== 200)
          faults.push(`${p.what}: the password does not sign in (${login.status})`);
      }
    }
    await inLanes([...listed.keys()], async (id) => {
      const deleted = await session.request('DELETE', `${API}/technicians/${id}`);
      if (deleted.status !== 204)
        faults.push(`DELETE /technicians/${id} answered ${deleted.status}`);
    });
    return { faults, succeeded: made.size };
  }

  return { plant, importAndCheck };
}
