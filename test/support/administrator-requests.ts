import type { ApiResponse } from './api-client';
import { expectProblem } from './problems';
import type { StackSession } from './stack-session';

/** 400 VALIDATION_FAILED with an error on `field`. */
export function expectFieldNamed(response: ApiResponse, field: string): void {
  expectProblem(response, 400, 'VALIDATION_FAILED');
  expect(response.body.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ field })]),
  );
}

/** The administrator endpoints as the bootstrap Master Administrator of `session` calls them. */
export function administratorRequests(session: StackSession) {
  return {
    /** Signs in with `password`, changes it to `newPassword` (204) and returns a token of the new sign-in. */
    async changePassword(email: string, password: string, newPassword: string): Promise<string> {
      const first = await session.stack.api.login(email, password);
      const change = await session.stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: password, newPassword },
        first,
      );
      expect(change.status).toBe(204);
      return session.stack.api.login(email, newPassword);
    },

    async listAll(token: string): Promise<any[]> {
      const response = await session.stack.api.get('/api/v1/administrators?limit=200', token);
      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      return response.body.items as any[];
    },

    patch(id: string, body: unknown, token = session.token): Promise<ApiResponse> {
      return session.stack.api.request('PATCH', `/api/v1/administrators/${id}`, { body, token });
    },
  };
}
