import { describe, expect, it } from 'vitest';
import type { Technician } from '../api/technicians';
import {
  checkValues,
  createBody,
  EMPTY_VALUES,
  updateBody,
  valuesOf,
  type CreateValues,
} from './technician-form';

const filled = (overrides: Partial<CreateValues> = {}): CreateValues => ({
  ...EMPTY_VALUES,
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'Tech-Pace-42',
  ...overrides,
});

const technician: Technician = {
  id: 't1',
  organizationId: 'o1',
  groupId: 'g1',
  name: 'Ada',
  nickname: 'Ada',
  email: 'ada@example.com',
  ssoId: null,
  description: '',
  enabled: true,
  standardLicense: true,
  mobileLicense: false,
  permissions: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('createBody', () => {
  it('leaves out empty optional fields, so that the nickname defaults to the name', () => {
    expect(createBody(filled({ nickname: '  ', ssoId: '', description: ' ' }))).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      password: 'Tech-Pace-42',
      enabled: true,
      standardLicense: true,
      mobileLicense: false,
    });
  });

  it('sends every field given, one-line fields trimmed, the password as typed', () => {
    expect(
      createBody(
        filled({
          name: ' Ada ',
          nickname: ' Countess ',
          email: ' ada@example.com ',
          ssoId: ' sso-1 ',
          description: 'Line one\nLine two ',
          password: ' Spaced Pass-1 ',
          enabled: false,
          standardLicense: false,
          mobileLicense: true,
        }),
      ),
    ).toEqual({
      name: 'Ada',
      nickname: 'Countess',
      email: 'ada@example.com',
      ssoId: 'sso-1',
      description: 'Line one\nLine two ',
      password: ' Spaced Pass-1 ',
      enabled: false,
      standardLicense: false,
      mobileLicense: true,
    });
  });
});

describe('updateBody', () => {
  it('sends only what changed', () => {
    expect(updateBody(valuesOf(technician), technician)).toEqual({});
    expect(
      updateBody(
        { ...valuesOf(technician), name: 'Ada L. ', enabled: false, ssoId: 'x' },
        technician,
      ),
    ).toEqual({ name: 'Ada L.', enabled: false, ssoId: 'x' });
  });

  it('sends an empty Single Sign-On ID to remove it', () => {
    const withSso = { ...technician, ssoId: 'sso-1' };
    expect(updateBody({ ...valuesOf(withSso), ssoId: ' ' }, withSso)).toEqual({ ssoId: '' });
  });
});

describe('checkValues', () => {
  it('accepts a complete form', () => {
    expect(checkValues(filled(), { passwordRequired: true })).toEqual({});
  });

  it('requires a name, an email and (on create) a password', () => {
    const problems = checkValues(filled({ name: '  ', email: '', password: '' }), {
      passwordRequired: true,
    });
    expect(Object.keys(problems).sort()).toEqual(['email', 'name', 'password']);
    expect(checkValues(filled({ password: '' }), { passwordRequired: false })).toEqual({});
  });

  it('checks the email shape', () => {
    for (const email of ['ada', 'ada@', 'ada@example', 'a da@example.com', '@example.com']) {
      expect(checkValues(filled({ email }), { passwordRequired: true }).email).toEqual({
        key: 'validation.emailInvalid',
      });
    }
    expect(checkValues(filled({ email: 'ädä@exämple.de' }), { passwordRequired: true })).toEqual(
      {},
    );
  });

  it('mirrors the limits, counting characters rather than UTF-16 units', () => {
    const ok = checkValues(filled({ name: '😀'.repeat(128), description: 'x'.repeat(1024) }), {
      passwordRequired: true,
    });
    expect(ok).toEqual({});
    const long = checkValues(
      filled({
        name: 'n'.repeat(129),
        nickname: 'n'.repeat(129),
        ssoId: 's'.repeat(129),
        description: 'd'.repeat(1025),
        email: `${'e'.repeat(250)}@example.com`,
      }),
      { passwordRequired: true },
    );
    expect(long).toEqual({
      name: { key: 'validation.tooLong', values: { count: 128 } },
      nickname: { key: 'validation.tooLong', values: { count: 128 } },
      ssoId: { key: 'validation.tooLong', values: { count: 128 } },
      description: { key: 'validation.tooLong', values: { count: 1024 } },
      email: { key: 'validation.tooLong', values: { count: 254 } },
    });
  });
});
