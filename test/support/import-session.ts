import { randomUUID } from 'node:crypto';
import { createGroup, createTechnician, GOOD_PASSWORD } from './fixtures';
import { signInChangingPassword, uniqueEmail } from './fixtures';
import { type Cell, FINAL_STATUSES, type FileRow } from './import-files';
import { type ImportFields, sendImport } from './imports';
import { createOrganization } from './organizations';
import { expectProblem } from './problems';
import { Stack } from './stack';
import { waitFor } from './wait-for';

/**
 * Imports through the gateway as the bootstrap Master Administrator, on a stack of the test
 * file's own (imports-files-*.e2e-spec.ts and imports-rows-*.e2e-spec.ts): the groups it
 * imports into, uploads, waiting for an import to end, its items, and the technicians a
 * clean import must have made.
 */

export interface Group {
  id: string;
  permissions: string[];
}

export interface ImportSession {
  stack: Stack;
  token: string;
  groupA: Group;
  groupB: Group;
  /** POST /imports as the Master Administrator, or as `token` (test/support/imports.ts). */
  upload(
    file: string | Buffer | undefined,
    fields?: ImportFields & { token?: string },
  ): ReturnType<typeof sendImport>;
  /** Uploads a file expecting 202 and a Location naming the import; returns the import. */
  accepted(file: string | Buffer, options?: ImportFields): Promise<any>;
  /** Polls GET /imports/:id until the import has ended. */
  finished(importId: string): Promise<any>;
  /** Every item of an import (optionally `status=...`), page after page of `limit`. */
  items(importId: string, query?: string, limit?: number): Promise<any[]>;
  importAndWait(
    file: string | Buffer,
    options?: ImportFields,
  ): Promise<{ view: any; items: any[] }>;
  /** The IDs of GET /imports, newest first. */
  importIds(): Promise<string[]>;
}

/**
 * Declares the test file's beforeAll (the stack `label` with these `overrides`, its Master
 * Administrator's token, then `setUp`) and afterAll (the stack stopped).
 */
function importSession<T extends ImportSession>(
  label: string,
  overrides: Record<string, string>,
  setUp: (session: T) => Promise<void>,
): T {
  const session = {} as T;
  beforeAll(async () => {
    session.stack = await Stack.start(label, overrides);
    session.token = await session.stack.adminToken();
    await setUp(session);
  });
  afterAll(async () => {
    await session.stack?.stop();
  });

  const upload: ImportSession['upload'] = (file, { token: as = session.token, ...fields } = {}) =>
    sendImport(session.stack, as, file, fields);
  const get = (path: string) => session.stack.api.get(`/api/v1${path}`, session.token);

  async function accepted(file: string | Buffer, options: ImportFields = {}): Promise<any> {
    const response = await upload(file, options);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 202 });
    expect(response.headers.get('location')).toBe(`/api/v1/imports/${response.body.id}`);
    return response.body;
  }

  async function finished(importId: string): Promise<any> {
    return waitFor(
      async () => {
        const response = await get(`/imports/${importId}`);
        return FINAL_STATUSES.includes(response.body.status) && response.body;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `import ${importId} to end` },
    );
  }

  async function items(importId: string, query = '', limit = 200): Promise<any[]> {
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await get(`/imports/${importId}/items?limit=${limit}${query}${after}`);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(limit);
      all.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return all;
  }

  async function importAndWait(file: string | Buffer, options: ImportFields = {}) {
    const { id } = await accepted(file, options);
    const view = await finished(id);
    return { view, items: await items(id) };
  }

  async function importIds(): Promise<string[]> {
    const response = await get('/imports?limit=200');
    expect(response.status).toBe(200);
    return response.body.items.map((view: { id: string }) => view.id);
  }

  return Object.assign(session, { upload, accepted, finished, items, importAndWait, importIds });
}

/** The session of the file tests: group A and its sub-group B; an hour's Idempotency-Keys. */
export function importFilesSession(label: string): ImportSession {
  // An hour's keys (a day by default), so that a key can be seen to expire.
  return importSession(label, { IDEMPOTENCY_KEY_RETENTION_SECONDS: '3600' }, async (session) => {
    const { stack, token } = session;
    session.groupA = await createGroup(stack.api, token, {
      name: 'Import A',
      permissions: ['RemoteControl', 'Chat', 'SendFile'],
    });
    session.groupB = await createGroup(stack.api, token, {
      name: 'Import B',
      parentId: session.groupA.id,
      permissions: ['RemoteView'],
    });
  });
}

export interface ImportRowsSession extends ImportSession {
  existing: { id: string; email: string; ssoId: string };
  otherOrg: { token: string; groupId: string };
  /** Technicians of this organization whose name or email contains `q`. */
  techniciansMatching(q: string): Promise<any[]>;
  login(email: string, password: string): ReturnType<Stack['api']['post']>;
}

/**
 * The session of the row tests: groups A and B, a technician in A (with an SSO ID) whose
 * email and SSO ID a row may take, and a second organization with a group of its own.
 */
export function importRowsSession(label: string): ImportRowsSession {
  const session = importSession<ImportRowsSession>(label, {}, async (session) => {
    const { stack, token } = session;
    session.groupA = await createGroup(stack.api, token, {
      permissions: ['RemoteControl', 'Chat'],
    });
    session.groupB = await createGroup(stack.api, token, { permissions: ['RemoteView'] });
    session.existing = await createTechnician(stack.api, token, session.groupA.id, {
      ssoId: `sso-${randomUUID()}`,
    });

    const adminEmail = uniqueEmail('second-master');
    expect(
      await createOrganization(stack, `Second org ${randomUUID()}`, adminEmail, GOOD_PASSWORD),
    ).toMatchObject({ organizationId: expect.any(String) });
    const otherToken = await signInChangingPassword(stack.api, adminEmail, GOOD_PASSWORD);
    session.otherOrg = {
      token: otherToken,
      groupId: (await createGroup(stack.api, otherToken)).id,
    };
  });

  async function techniciansMatching(q: string): Promise<any[]> {
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await session.stack.api.get(
        `/api/v1/technicians?limit=200&q=${encodeURIComponent(q)}${after}`,
        session.token,
      );
      expect(response.status).toBe(200);
      all.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return all;
  }

  const login = (email: string, password: string) =>
    session.stack.api.post('/api/v1/auth/login', { email, password });

  return Object.assign(session, { techniciansMatching, login });
}

/** What a boolean cell means, by the words of spec section 4. */
function meaning(value: Cell): boolean {
  if (typeof value === 'boolean') return value;
  const word = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'y', 'enabled'].includes(word)) return true;
  if (['false', 'no', '0', 'n', 'disabled'].includes(word)) return false;
  throw new Error(`the test wrote a cell that is no boolean word: ${value}`);
}

/**
 * The technician a row made: its fields and its group's permissions, then a sign-in with
 * the file's password (which must be changed first: forceChangeOnAdminSet). A disabled
 * technician is refused with ACCOUNT_DISABLED (not INVALID_CREDENTIALS), then enabled.
 */
async function expectTechnicianOf(
  session: ImportSession,
  row: FileRow,
  technicianId: string,
  group: Group,
) {
  const technician = await session.stack.api.get(
    `/api/v1/technicians/${technicianId}`,
    session.token,
  );
  expect(technician.status).toBe(200);
  expect(technician.body).toMatchObject({
    id: technicianId,
    groupId: group.id,
    name: row.name.trim(),
    nickname: row.nickname.trim() || row.name.trim(),
    email: row.email,
    ssoId: row.ssoId.trim() || null,
    description: row.description,
    enabled: meaning(row.enabled),
    standardLicense: meaning(row.standardLicense),
    mobileLicense: meaning(row.mobileLicense),
  });
  expect([...technician.body.permissions].sort()).toEqual([...group.permissions].sort());

  const credentials = { email: row.email, password: row.password };
  if (!meaning(row.enabled)) {
    expectProblem(
      await session.stack.api.post('/api/v1/auth/login', credentials),
      403,
      'ACCOUNT_DISABLED',
    );
    const enable = await session.stack.api.request('PATCH', `/api/v1/technicians/${technicianId}`, {
      body: { enabled: true },
      token: session.token,
    });
    expect(enable.status).toBe(200);
  }
  const login = await session.stack.api.post('/api/v1/auth/login', credentials);
  expect(login.status).toBe(200);
  expect(login.body).toMatchObject({ role: 'technician', mustChangePassword: true });
  const me = await session.stack.api.get('/api/v1/me', login.body.accessToken);
  expect(me.body).toMatchObject({
    id: technicianId,
    role: 'technician',
    mustChangePassword: true,
  });
}

/** Asserts a clean import: completed, every row succeeded, each row's technician as the file says. */
export async function expectImportedCleanly(
  session: ImportSession,
  result: { view: any; items: any[] },
  rows: FileRow[],
  groupOf: (row: FileRow) => Group,
) {
  expect(result.view).toMatchObject({
    status: 'completed',
    dryRun: false,
    total: rows.length,
    processed: rows.length,
    succeeded: rows.length,
    failed: 0,
    startedAt: expect.any(String),
    finishedAt: expect.any(String),
  });
  expect(result.items.map((item) => item.row)).toEqual(rows.map((_, i) => i + 1));
  for (const [i, row] of rows.entries()) {
    const item = result.items[i];
    expect(item).toMatchObject({
      status: 'succeeded',
      email: row.email,
      technicianId: expect.any(String),
      errors: [],
    });
    await expectTechnicianOf(session, row, item.technicianId, groupOf(row));
  }
}
