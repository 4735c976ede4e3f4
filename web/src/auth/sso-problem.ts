import type { TFunction } from 'i18next';
import { ApiProblem } from '../api/client';
import { problemMessage } from '../ui/problem';

/** The reasons of SSO_FAILED the server gives (`reason`), each said in words in auth.json. */
export const SSO_FAILURE_REASONS = [
  'state-mismatch',
  'nonce-mismatch',
  'signature-invalid',
  'issuer-mismatch',
  'audience-mismatch',
  'destination-mismatch',
  'in-response-to-mismatch',
  'expired',
  'not-yet-valid',
  'unsigned',
  'replayed',
  'claim-missing',
  'provider-error',
  'provider-unreachable',
  'token-invalid',
  'metadata-invalid',
] as const;

/** The codes a sign-in through the provider is refused with, said in auth.json's words. */
const SSO_CODES = [
  'SSO_FAILED',
  'SSO_ACCOUNT_UNKNOWN',
  'SSO_NOT_CONFIGURED',
  'SSO_REQUIRED',
  'ACCOUNT_DISABLED',
] as const;

/** The i18n key (auth namespace) of a refusal: its reason's for SSO_FAILED, else its code's. */
export function ssoProblemKey(code: string, reason?: string | null): string | undefined {
  if (code === 'SSO_FAILED') {
    return (SSO_FAILURE_REASONS as readonly string[]).includes(reason ?? '')
      ? `auth:sso.reasons.${reason}`
      : 'auth:sso.reasons.unknown';
  }
  return (SSO_CODES as readonly string[]).includes(code) ? `auth:sso.codes.${code}` : undefined;
}

/**
 * A refusal of a sign-in through the provider in words: an ApiProblem, or the
 * `{ code, reason }` of the URL the provider's side sent the browser to.
 */
export function ssoProblemMessage(t: TFunction, failure: unknown): string {
  if (failure instanceof ApiProblem) {
    const reason = failure.problem.reason;
    const key = ssoProblemKey(failure.code, typeof reason === 'string' ? reason : undefined);
    return key ? t(key) : problemMessage(failure, t);
  }
  if (failure && typeof failure === 'object' && 'code' in failure) {
    const { code, reason } = failure as { code: string; reason?: string | null };
    const key = ssoProblemKey(code, reason);
    return key ? t(key) : t('common:problems.UNKNOWN');
  }
  return problemMessage(failure, t);
}
