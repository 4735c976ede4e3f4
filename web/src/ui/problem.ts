import type { TFunction } from 'i18next';
import { ApiProblem } from '../api/client';

/**
 * Words for an API problem, in the user's language: `problems.<CODE>` of the common
 * namespace when there is one, else the server's own detail. Never a stack or a class name.
 */
export function problemMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiProblem) {
    if (error.code === 'TOO_MANY_REQUESTS' && error.retryAfterSeconds) {
      return t('common:problems.TOO_MANY_REQUESTS_RETRY', { seconds: error.retryAfterSeconds });
    }
    const key = `common:problems.${error.code}`;
    const known = t(key, { defaultValue: '' });
    return known || error.problem.detail || error.problem.title || t('common:problems.UNKNOWN');
  }
  return t('common:problems.NETWORK');
}

/** Field errors of a problem, by field name, for a form (`password` errors joined). */
export function fieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  const byField: Record<string, string[]> = {};
  const code = error.code;
  // Codes that concern one field even when the problem lists no field errors.
  const fieldOf: Record<string, string> = { EMAIL_TAKEN: 'email', SSO_ID_TAKEN: 'ssoId' };
  if (fieldOf[code] && !(error.problem.errors ?? []).length) {
    byField[fieldOf[code]] = [problemMessage(error, t)];
  }
  for (const fieldError of error.problem.errors ?? []) {
    const field = fieldError.field;
    const text = t(`common:fieldErrors.${fieldError.code}`, {
      defaultValue: fieldError.message,
      message: fieldError.message,
    });
    (byField[field] ??= []).push(text);
  }
  return Object.fromEntries(
    Object.entries(byField).map(([field, texts]) => [field, texts.join(' · ')]),
  );
}
