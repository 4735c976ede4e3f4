import { GOOD_PASSWORD, uniqueEmail } from './fixtures';
import type { StackSession } from './stack-session';

/** The technician endpoints as the bootstrap Master Administrator of `session` calls them. */
export function technicianRequests(session: StackSession) {
  const api = () => session.stack.api;
  return {
    api,
    login: (email: string, password: string) =>
      api().post('/api/v1/auth/login', { email, password }),
    getTechnician: (id: string) => api().get(`/api/v1/technicians/${id}`, session.token),
    patchTechnician: (id: string, body: unknown) =>
      api().request('PATCH', `/api/v1/technicians/${id}`, { body, token: session.token }),
    postTechnician: (groupId: string, body: Record<string, unknown>) =>
      api().post(`/api/v1/groups/${groupId}/technicians`, body, session.token),
    validBody: (extra: Record<string, unknown> = {}) => ({
      name: 'Valid Technician',
      email: uniqueEmail('valid'),
      password: GOOD_PASSWORD,
      ...extra,
    }),
  };
}
