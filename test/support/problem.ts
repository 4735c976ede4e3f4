import type { ApiResponse } from './api-client';

/** A problem+json answer with this status and code (and, when given, an error on `field`). */
export function expectProblem(
  response: ApiResponse,
  status: number,
  code: string,
  field?: string,
): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  if (field !== undefined) {
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  }
}
