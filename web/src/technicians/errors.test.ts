import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiProblem, type Problem } from '../api/client';
import { formErrors } from './errors';
import { IdempotencyKeys, isDefiniteRefusal, randomUuid } from './idempotency';

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

describe('formErrors', () => {
  it('puts EMAIL_TAKEN on Email and SSO_ID_TAKEN on Single Sign-On ID', () => {
    expect(formErrors(problem(409, 'EMAIL_TAKEN'), t)).toEqual({
      fields: { email: ['Email taken.'] },
    });
    expect(formErrors(problem(409, 'SSO_ID_TAKEN'), t).fields.ssoId).toHaveLength(1);
    // Also when the server names the field, with its own (English) message.
    const named = problem(409, 'EMAIL_TAKEN', [
      { field: 'email', code: 'EMAIL_TAKEN', message: 'is already in use' },
    ]);
    expect(formErrors(named, t)).toEqual({ fields: { email: ['Email taken.'] } });
  });

  it('lists every rule a PASSWORD_POLICY answer names, under the password', () => {
    const answer = problem(422, 'PASSWORD_POLICY', [
      { field: 'password', code: 'PASSWORD_TOO_SHORT', message: 'must be at least 8' },
      { field: 'password', code: 'PASSWORD_COMMON', message: 'is too common' },
    ]);
    expect(formErrors(answer, t)).toEqual({
      fields: { password: ['Too short: must be at least 8', 'Too common'] },
    });
  });

  it('puts VALIDATION_FAILED errors on their fields, the rest at the top', () => {
    const answer = problem(400, 'VALIDATION_FAILED', [
      { field: 'email', code: 'INVALID_EMAIL', message: 'email must be an email' },
      { field: 'name', code: 'FIELD_TOO_LONG', message: 'name is too long' },
      { field: 'Idempotency-Key', code: 'INVALID', message: 'bad key' },
    ]);
    expect(formErrors(answer, t)).toEqual({
      fields: { email: ['Not an email.'], name: ['name is too long'] },
      message: 'bad key',
    });
  });

  it('says a problem that concerns no field at the top, in words', () => {
    expect(formErrors(problem(403, 'FORBIDDEN_GROUP'), t)).toEqual({
      fields: {},
      message: 'Outside your groups.',
    });
    expect(formErrors(new TypeError('Failed to fetch'), t)).toEqual({
      fields: {},
      message: 'No network.',
    });
  });
});

describe('IdempotencyKeys', () => {
  const counter = () => {
    let n = 0;
    return () => `key-${++n}`;
  };

  it('keeps the key while the outcome is unknown (double submit, 503, lost answer)', () => {
    const keys = new IdempotencyKeys(counter());
    expect(keys.next()).toBe('key-1');
    expect(keys.next()).toBe('key-1');
    keys.failed(problem(503, 'SERVICE_UNAVAILABLE'));
    expect(keys.next()).toBe('key-1');
    keys.failed(new TypeError('Failed to fetch'));
    expect(keys.next()).toBe('key-1');
    keys.failed(problem(429, 'TOO_MANY_REQUESTS'));
    expect(keys.next()).toBe('key-1');
  });

  it('takes a new key after a definite refusal, for the corrected form', () => {
    const keys = new IdempotencyKeys(counter());
    expect(keys.next()).toBe('key-1');
    keys.failed(problem(409, 'EMAIL_TAKEN'));
    expect(keys.next()).toBe('key-2');
    expect(keys.next()).toBe('key-2');
  });

  it('knows which failures are definite', () => {
    expect(isDefiniteRefusal(problem(422, 'PASSWORD_POLICY'))).toBe(true);
    expect(isDefiniteRefusal(problem(500, 'INTERNAL'))).toBe(false);
    expect(isDefiniteRefusal(new Error('x'))).toBe(false);
  });
});

describe('randomUuid', () => {
  it('makes version 4 UUIDs, also where crypto.randomUUID is missing (plain http)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(randomUuid()).toMatch(uuid);
    const original = Object.getOwnPropertyDescriptor(crypto, 'randomUUID');
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 50 }, () => randomUuid()));
      expect(keys.size).toBe(50);
      for (const key of keys) expect(key).toMatch(uuid);
    } finally {
      if (original) Object.defineProperty(crypto, 'randomUUID', original);
      else delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
  });
});
