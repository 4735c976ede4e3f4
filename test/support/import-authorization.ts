import { parse } from 'csv-parse/sync';
import { IMPORT_COLUMNS } from '@app/contracts';
import type { ApiResponse } from './api-client';
import type { SignedInActor } from './authorization-matrix';
import {
  API,
  type AuthorizationWorld,
  authorizationWorld,
  flatten,
  type WorldHooks,
} from './authorization-world';
import { queryDatabase } from './databases';
import { recordFigures } from './figures';
import { uniqueEmail } from './fixtures';
import {
  csvImportFile,
  type ImportFields,
  sendImport,
  technicianRow,
  uploadImport,
  waitForImport,
} from './imports';

/**
 * The world of the import authorization matrix (the e2e family authorization-imports): the
 * organizations of authorization-world.ts, a finished import of each, and the calls the
 * tests make, counted for the figures (recorded once its tests have run).
 */

export const FINAL_STATUSES = ['completed', 'failed', 'cancelled'];
/**
 * Rows of an import meant to be still running when it is cancelled: its batches are held
 * (ImportRowsHold) until the cancel has answered, so a few suffice.
 */
export const RUNNING_IMPORT_ROWS = 20;
let counter = 0;
export const unique = (label: string) => `${label}-${++counter}-${Date.now().toString(36)}`;
/** A password that meets the default policy, different every time. */
const rowPassword = () => `Imp-${unique('pw')}-7Q`;

/** The Tech Group IDs a CSV or JSON template names, one per example row. */
export function templateGroupIds(text: string, format: 'csv' | 'json', delimiter = ','): string[] {
  if (format === 'json') {
    const rows: Record<string, unknown>[] = JSON.parse(text);
    expect(rows).toHaveLength(2);
    rows.forEach((row) => expect(Object.keys(row)).toEqual([...IMPORT_COLUMNS]));
    return rows.map((row) => String(row['Tech Group ID']));
  }
  const table: string[][] = parse(text, { bom: true, delimiter });
  expect(table[0]).toEqual([...IMPORT_COLUMNS]);
  expect(table).toHaveLength(3);
  const column = IMPORT_COLUMNS.indexOf('Tech Group ID');
  return table.slice(1).map((cells) => cells[column]);
}

export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export interface ImportAuthorizationWorld extends AuthorizationWorld {
  /** A finished import of the first organization (two rows into A) and one of the second. */
  firstOrgImport: { id: string; emails: string[] };
  otherOrgImport: { id: string; emails: string[] };
  figures: {
    cells: number;
    requests: number;
    mismatches: number;
    byStatus: Record<string, number>;
  };
  /** POST /imports with the caller's token (or none at all), counted for the figures. */
  upload(token: string | undefined, content: string, fields?: ImportFields): Promise<ApiResponse>;
  request(method: string, route: string, token: string | undefined): Promise<ApiResponse>;
  /** A file of `count` valid rows into `groupId`, with the emails and passwords it holds. */
  importFile(groupId: string, count?: number): { csv: string; emails: string[] };
  /** Active accounts (technicians) with this email, in the whole system. */
  accountsWithEmail(email: string): Promise<{ id: string; organization_id: string }[]>;
  /** Imports of the first organization with this file name, as its Master Administrator sees them. */
  firstOrgImportsNamed(fileName: string): Promise<any[]>;
  /** The group IDs a caller may see: a template may name these and no others. */
  visibleGroupIds(actor: SignedInActor): Promise<string[]>;
}

/**
 * authorizationWorld, with an import finished in each organization before `setUp`, and the
 * figures recorded (as `authorization-imports`) before `tearDown`.
 */
export function importAuthorizationWorld(
  label: string,
  hooks: WorldHooks<ImportAuthorizationWorld> = {},
): ImportAuthorizationWorld {
  const base = authorizationWorld(label, {
    setUp: async () => {
      [world.firstOrgImport, world.otherOrgImport] = await Promise.all([
        finishedImport(world.asMaster(), world.groupA.id, 2),
        finishedImport(world.tokens.otherOrgMaster!, world.otherGroup.id, 2),
      ]);
      await hooks.setUp?.(world);
    },
    tearDown: async () => {
      // The family's figures: every cell of the matrix, every request of each of its parts.
      if (world.figures.cells > 0)
        recordFigures({ suite: 'authorization-imports', ...world.figures });
      await hooks.tearDown?.(world);
    },
  });
  const world: ImportAuthorizationWorld = Object.assign(base, {
    firstOrgImport: { id: '', emails: [] },
    otherOrgImport: { id: '', emails: [] },
    figures: { cells: 0, requests: 0, mismatches: 0, byStatus: {} },
    upload(token: string | undefined, content: string, fields: ImportFields = {}) {
      world.figures.requests += 1;
      return sendImport(world.stack, token, content, fields);
    },
    request(method: string, route: string, token: string | undefined) {
      world.figures.requests += 1;
      return world.stack.api.request(method, `${API}${route}`, { token });
    },
    importFile(groupId: string, count = 1) {
      const emails = Array.from({ length: count }, () => uniqueEmail('authz-import'));
      const csv = csvImportFile(
        emails.map((email) => technicianRow(groupId, { email, password: rowPassword() })),
      );
      return { csv, emails };
    },
    accountsWithEmail(email: string) {
      return queryDatabase<{ id: string; organization_id: string }>(
        world.stack.env.databases.org,
        `SELECT id, organization_id FROM accounts WHERE email_normalized = $1 AND state = 'active'`,
        [email.toLowerCase()],
      );
    },
    async firstOrgImportsNamed(fileName: string) {
      const list = await world.masterGet('/imports?limit=200');
      return list.body.items.filter((view: any) => view.fileName === fileName);
    },
    async visibleGroupIds(actor: SignedInActor) {
      const tree = await world.stack.api.get(`${API}/groups`, world.tokens[actor]);
      return flatten(tree.body.groups).map((group) => group.id);
    },
  });

  async function finishedImport(
    token: string,
    groupId: string,
    count: number,
  ): Promise<{ id: string; emails: string[] }> {
    const { csv, emails } = world.importFile(groupId, count);
    const accepted = await uploadImport(world.stack, token, csv);
    if (accepted.status !== 202) throw new Error(`upload answered ${accepted.status}`);
    const view = await waitForImport(world.stack, token, accepted.body.id);
    expect(view).toMatchObject({ status: 'completed', succeeded: count });
    return { id: accepted.body.id, emails };
  }

  return world;
}
