import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiProblem, type Problem } from '../api/client';
import { resources } from '../i18n/all-strings';
import { SSO_FAILURE_REASONS, ssoProblemKey, ssoProblemMessage } from './sso-problem';

const t = ((key: string) => `<${key}>`) as unknown as TFunction;
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new ApiProblem(status, { status, code, title: code, ...extra } as unknown as Problem);

describe('ssoProblemMessage', () => {
  it('says an SSO_FAILED answer by its reason', () => {
    const failure = problem(401, 'SSO_FAILED', { reason: 'signature-invalid' });
    expect(ssoProblemMessage(t, failure)).toBe('<auth:sso.reasons.signature-invalid>');
  });

  it('says the code of the URL with its reason, and an unknown reason in general words', () => {
    expect(ssoProblemMessage(t, { code: 'SSO_FAILED', reason: 'state-mismatch' })).toBe(
      '<auth:sso.reasons.state-mismatch>',
    );
    expect(ssoProblemMessage(t, { code: 'SSO_FAILED', reason: '<script>' })).toBe(
      '<auth:sso.reasons.unknown>',
    );
  });

  it('says the account refusals by their code', () => {
    expect(ssoProblemMessage(t, problem(403, 'SSO_ACCOUNT_UNKNOWN'))).toBe(
      '<auth:sso.codes.SSO_ACCOUNT_UNKNOWN>',
    );
    expect(ssoProblemMessage(t, problem(403, 'ACCOUNT_DISABLED'))).toBe(
      '<auth:sso.codes.ACCOUNT_DISABLED>',
    );
  });

  it('leaves other problems to the common words', () => {
    expect(ssoProblemMessage(t, problem(429, 'TOO_MANY_ATTEMPTS'))).toBe(
      '<common:problems.TOO_MANY_ATTEMPTS>',
    );
    expect(ssoProblemKey('TOO_MANY_ATTEMPTS')).toBeUndefined();
  });

  it('has words for every reason and code in every language', () => {
    for (const strings of Object.values(resources)) {
      const sso = (strings.auth as { sso: Record<string, Record<string, string>> }).sso;
      for (const reason of [...SSO_FAILURE_REASONS, 'unknown'])
        expect(sso.reasons[reason]).toBeTruthy();
      for (const code of [
        'SSO_ACCOUNT_UNKNOWN',
        'SSO_NOT_CONFIGURED',
        'SSO_REQUIRED',
        'ACCOUNT_DISABLED',
      ]) {
        expect(sso.codes[code]).toBeTruthy();
      }
    }
  });
});
