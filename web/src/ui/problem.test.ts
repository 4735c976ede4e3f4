import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiProblem, type Problem } from '../api/client';
import { fieldMessages, problemOnForm, showProblemOnForm } from './problem';

/** A t() that knows a few keys, else answers its defaultValue, as i18next does. */
const known: Record<string, string> = {
  'technicians:fieldErrors.INVALID_EMAIL': 'Not an email.',
  'common:fieldErrors.PASSWORD_TOO_SHORT': 'Too short: {{message}}',
  'common:fieldErrors.PASSWORD_COMMON': 'Too common',
  'common:problems.EMAIL_TAKEN': 'Email taken.',
  'common:problems.PASSWORD_POLICY': 'Policy.',
  'common:problems.FORBIDDEN_GROUP': 'Outside your groups.',
  'common:problems.NETWORK': 'No network.',
};
const t = ((key: string, options?: { defaultValue?: string; message?: string }) => {
  const text = known[key] ?? options?.defaultValue ?? key;
  return text.replace('{{message}}', options?.message ?? '');
}) as unknown as TFunction;

const problem = (status: number, code: string, errors: Problem['errors'] = []) =>
  new ApiProblem(status, { status, code, title: code, errors } as unknown as Problem);

/** The fields of a technician form. */
const FIELDS = ['name', 'email', 'ssoId', 'password'] as const;
const formErrors = (error: unknown) =>
  problemOnForm(error, t, FIELDS, { namespace: 'technicians' });

describe('problemOnForm', () => {
  it('puts EMAIL_TAKEN on Email and SSO_ID_TAKEN on Single Sign-On ID', () => {
    expect(formErrors(problem(409, 'EMAIL_TAKEN'))).toEqual({
      fields: { email: ['Email taken.'] },
    });
    expect(formErrors(problem(409, 'SSO_ID_TAKEN')).fields.ssoId).toHaveLength(1);
    // Also when the server names the field, with its own (English) message.
    const named = problem(409, 'EMAIL_TAKEN', [
      { field: 'email', code: 'EMAIL_TAKEN', message: 'is already in use' },
    ]);
    expect(formErrors(named)).toEqual({ fields: { email: ['Email taken.'] } });
  });

  it('lists every rule a PASSWORD_POLICY answer names, under the password', () => {
    const answer = problem(422, 'PASSWORD_POLICY', [
      { field: 'password', code: 'PASSWORD_TOO_SHORT', message: 'must be at least 8' },
      { field: 'password', code: 'PASSWORD_COMMON', message: 'is too common' },
    ]);
    expect(formErrors(answer)).toEqual({
      fields: { password: ['Too short: must be at least 8', 'Too common'] },
    });
  });

  it('puts VALIDATION_FAILED errors on their fields, the rest at the top', () => {
    const answer = problem(400, 'VALIDATION_FAILED', [
      { field: 'email', code: 'INVALID_EMAIL', message: 'email must be an email' },
      { field: 'name', code: 'FIELD_TOO_LONG', message: 'name is too long' },
      { field: 'Idempotency-Key', code: 'INVALID', message: 'bad key' },
    ]);
    expect(formErrors(answer)).toEqual({
      fields: { email: ['Not an email.'], name: ['name is too long'] },
      message: 'bad key',
    });
  });

  it('says a problem that concerns no field at the top, in words', () => {
    expect(formErrors(problem(403, 'FORBIDDEN_GROUP'))).toEqual({
      fields: {},
      message: 'Outside your groups.',
    });
    expect(formErrors(new TypeError('Failed to fetch'))).toEqual({
      fields: {},
      message: 'No network.',
    });
  });

  it('renames the fields of the API to those of the form, and leaves a code whose field is not on the form at the top', () => {
    const answer = problem(422, 'PASSWORD_POLICY', [
      { field: 'password', code: 'PASSWORD_COMMON', message: 'is too common' },
    ]);
    expect(
      problemOnForm(answer, t, ['currentPassword', 'newPassword'], {
        fieldOf: { password: 'newPassword' },
      }),
    ).toEqual({ fields: { newPassword: ['Too common'] } });
    expect(problemOnForm(problem(409, 'EMAIL_TAKEN'), t, ['name'])).toEqual({
      fields: {},
      message: 'Email taken.',
    });
  });
});

describe('fieldMessages', () => {
  it('puts the messages of each field on one line', () => {
    expect(fieldMessages({ password: ['Too short', 'Too common'], name: ['Required'] })).toEqual({
      password: 'Too short · Too common',
      name: 'Required',
    });
  });
});

describe('showProblemOnForm', () => {
  const shown = (failure: unknown, fieldOf?: Record<string, 'password'>) => {
    let errors: Partial<Record<string, string>> = {};
    let top: string | undefined = 'an earlier message';
    showProblemOnForm(failure, t, {
      form: { setErrors: (set) => (errors = set) },
      fields: FIELDS,
      setTopMessage: (message) => (top = message),
      fieldOf,
    });
    return { errors, top };
  };

  it('sets each field’s messages on one line and clears the top when all are placed', () => {
    const refused = problem(422, 'PASSWORD_POLICY', [
      { field: 'newPassword', code: 'PASSWORD_TOO_SHORT', message: 'at least 12' },
      { field: 'newPassword', code: 'PASSWORD_COMMON', message: 'common' },
    ]);
    expect(shown(refused, { newPassword: 'password' })).toEqual({
      errors: { password: 'Too short: at least 12 · Too common' },
      top: undefined,
    });
  });

  it('puts what concerns no field at the top, with no field errors', () => {
    expect(shown(problem(403, 'FORBIDDEN_GROUP'))).toEqual({
      errors: {},
      top: 'Outside your groups.',
    });
    expect(shown(new TypeError('Failed to fetch'))).toEqual({ errors: {}, top: 'No network.' });
  });
});
