import { randomBytes } from 'node:crypto';
import type { ApiClient, ApiResponse } from './api-client';

/** A password that meets the default policy (and the strictest: 4 types, no repeats). */
export const GOOD_PASSWORD = 'Tech-Pace-42';

let counter = 0;
/** A fresh, unique email (optionally with a readable part). */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}.${counter}.${randomBytes(3).toString('hex')}@example.com`;
}

function expectStatus<T>(response: ApiResponse<T>, status: number, what: string): T {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}, expected ${status}: ${response.text}`);
  }
  return response.body;
}

export interface GroupBody {
  name?: string;
  parentId?: string;
  description?: string;
  permissions?: string[];
}

/** POST /groups, expecting 201; returns the group. */
export async function createGroup(
  api: ApiClient,
  token: string,
  body: GroupBody = {},
): Promise<any> {
  const response = await api.post('/api/v1/groups', { name: `Group ${++counter}`, ...body }, token);
  return expectStatus(response, 201, 'POST /groups');
}

/** POST /groups/:id/technicians, expecting 201; returns the technician (with `password`, `email` added). */
export async function createTechnician(
  api: ApiClient,
  token: string,
  groupId: string,
  body: Record<string, unknown> = {},
): Promise<any> {
  const fields = {
    name: `Technician ${++counter}`,
    email: uniqueEmail('tech'),
    password: GOOD_PASSWORD,
    ...body,
  };
  const response = await api.post(`/api/v1/groups/${groupId}/technicians`, fields, token);
  return {
    ...expectStatus(response, 201, 'POST /groups/:id/technicians'),
    password: fields.password,
  };
}

/** POST /administrators, expecting 201; returns the administrator (with `password` added). */
export async function createAdministrator(
  api: ApiClient,
  token: string,
  body: {
    role?: 'admin' | 'master_admin';
    groupIds?: string[];
    email?: string;
    password?: string;
    name?: string;
    ssoId?: string;
  } = {},
): Promise<any> {
  const fields = {
    name: `Administrator ${++counter}`,
    email: uniqueEmail('admin'),
    password: GOOD_PASSWORD,
    role: 'admin',
    groupIds: [],
    ...body,
  };
  const response = await api.post('/api/v1/administrators', fields, token);
  return { ...expectStatus(response, 201, 'POST /administrators'), password: fields.password };
}

/**
 * Signs an account in whose password was set by an administrator: it must change it
 * first (the default policy), so this changes it and signs in again. Returns a full token.
 */
export async function signInChangingPassword(
  api: ApiClient,
  email: string,
  password: string,
): Promise<string> {
  const first = await api.post('/api/v1/auth/login', { email, password });
  expectStatus(first, 200, `sign-in of ${email}`);
  if (!first.body.mustChangePassword) return first.body.accessToken as string;
  const newPassword = `${password}-New9`;
  const change = await api.post(
    '/api/v1/auth/change-password',
    { currentPassword: password, newPassword },
    first.body.accessToken as string,
  );
  expectStatus(change, 204, 'POST /auth/change-password');
  return api.login(email, newPassword);
}
