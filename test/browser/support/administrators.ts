import { expect } from '@playwright/test';
import { api } from './app';

/** The administrator of `email` as the API lists it to `token`'s organization. */
export async function administratorByEmail(token: string, email: string): Promise<any> {
  const answer = await api().get('/api/v1/administrators?limit=200', token);
  expect(answer.status).toBe(200);
  return answer.body.items.find((a: any) => a.email === email);
}
