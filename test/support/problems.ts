import type { ApiResponse } from './api-client';

/** A stable error code: UPPER_SNAKE, as libs/contracts/src/errors.ts has them. */
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/**
 * A problem+json answer (RFC 9457, as the gateway's problem filter writes it) with this
 * status and code: the content type, `type`, `title`, `status` and `code` in the body, every
 * entry of `errors` exactly `{ field, code, message }` with an UPPER_SNAKE code and, when
 * `field` is given, an error on that field.
 */
export function expectProblem(
  response: ApiResponse,
  status: number,
  code: string,
  field?: string,
): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    status,
    code,
    type: expect.any(String),
    title: expect.any(String),
  });
  for (const error of response.body.errors ?? []) {
    expect(error).toEqual({
      field: expect.any(String),
      code: expect.stringMatching(CODE),
      message: expect.any(String),
    });
  }
  if (field !== undefined) {
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  }
}
