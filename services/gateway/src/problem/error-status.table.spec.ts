import { ErrorCodes } from '@app/contracts';
import { ERROR_STATUS } from './error-status.table';

describe('the error code to HTTP status table', () => {
  it('answers every stable code with an error status and a title', () => {
    for (const code of Object.values(ErrorCodes)) {
      expect(ERROR_STATUS[code].status).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code].title.length).toBeGreaterThan(0);
    }
  });

  it('keeps 500 for INTERNAL_ERROR alone: bad input is never a 500', () => {
    const fiveHundreds = Object.entries(ERROR_STATUS).filter(([, { status }]) => status === 500);
    expect(fiveHundreds.map(([code]) => code)).toEqual(['INTERNAL_ERROR']);
  });

  it.each([
    ['INVALID_CREDENTIALS', 401],
    ['ACCOUNT_DISABLED', 403],
    ['TOO_MANY_ATTEMPTS', 429],
    ['TOO_MANY_REQUESTS', 429],
    ['PASSWORD_POLICY', 422],
    ['FORBIDDEN_GROUP', 403],
    ['GROUP_NOT_FOUND', 404],
    ['GROUP_NOT_EMPTY', 409],
    ['EMAIL_TAKEN', 409],
    ['SSO_ID_TAKEN', 409],
    ['FILE_TOO_LARGE', 413],
    ['UNSUPPORTED_FORMAT', 415],
    ['HEADER_MISMATCH', 400],
    ['IDEMPOTENCY_KEY_REUSED', 422],
  ] as const)('answers %s with %i, as the spec says', (code, status) => {
    expect(ERROR_STATUS[code].status).toBe(status);
  });
});
