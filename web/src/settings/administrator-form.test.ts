import { describe, expect, it } from 'vitest';
import type { Administrator } from '../api/administrators';
import { ApiProblem } from '../api/client';
import {
  administratorToForm,
  emptyAdministratorForm,
  isLastMasterRefusal,
  toCreateBody,
  toUpdateBody,
  validateAdministratorForm,
} from './administrator-form';

const admin: Administrator = {
  id: '11111111-1111-4111-8111-111111111111',
  organizationId: '22222222-2222-4222-8222-222222222222',
  name: 'Ada Admin',
  email: 'ada@example.com',
  ssoId: null,
  role: 'admin',
  groupIds: ['g1', 'g2'],
  enabled: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the administrator form', () => {
  it('creates with trimmed name and email, and groups only for an Administrator', () => {
    const values = {
      ...emptyAdministratorForm(),
      name: ' Bo ',
      email: ' bo@example.com ',
      password: 'Tech-Pace-42',
      groupIds: ['g1'],
    };
    expect(toCreateBody(values)).toEqual({
      name: 'Bo',
      email: 'bo@example.com',
      password: 'Tech-Pace-42',
      role: 'admin',
      groupIds: ['g1'],
    });
    expect(toCreateBody({ ...values, role: 'master_admin' }).groupIds).toEqual([]);
  });

  it('creates with a trimmed Single Sign-On ID, and none when it is left empty', () => {
    const values = {
      ...emptyAdministratorForm(),
      name: 'Bo',
      email: 'bo@example.com',
      password: 'Tech-Pace-42',
      groupIds: ['g1'],
    };
    expect(toCreateBody({ ...values, ssoId: ' bo-sso ' }).ssoId).toBe('bo-sso');
    expect(toCreateBody({ ...values, ssoId: '  ' })).not.toHaveProperty('ssoId');
  });

  it('patches a changed Single Sign-On ID, and an empty one to remove it', () => {
    const withSso = { ...admin, ssoId: 'ada-sso' };
    const form = administratorToForm(withSso);
    expect(form.ssoId).toBe('ada-sso');
    expect(toUpdateBody(withSso, form)).toEqual({});
    expect(toUpdateBody(withSso, { ...form, ssoId: ' ada-2 ' })).toEqual({ ssoId: 'ada-2' });
    expect(toUpdateBody(withSso, { ...form, ssoId: ' ' })).toEqual({ ssoId: '' });
    expect(toUpdateBody(admin, administratorToForm(admin))).toEqual({});
  });

  it('patches nothing when nothing changed (groups in another order included)', () => {
    expect(toUpdateBody(admin, { ...administratorToForm(admin), groupIds: ['g2', 'g1'] })).toEqual(
      {},
    );
  });

  it('patches only what changed, and the password only when one is typed', () => {
    const form = administratorToForm(admin);
    expect(toUpdateBody(admin, { ...form, enabled: false })).toEqual({ enabled: false });
    expect(toUpdateBody(admin, { ...form, groupIds: ['g3'] })).toEqual({ groupIds: ['g3'] });
    expect(toUpdateBody(admin, { ...form, password: 'New-Pace-42' })).toEqual({
      password: 'New-Pace-42',
    });
    expect(toUpdateBody(admin, { ...form, role: 'master_admin' })).toEqual({
      role: 'master_admin',
      groupIds: [],
    });
    expect(
      toUpdateBody(admin, { ...form, name: 'Ada Lovelace ', email: 'ADA@example.com' }),
    ).toEqual({ name: 'Ada Lovelace', email: 'ADA@example.com' });
  });

  it('requires a name, a valid email, a password on create, and groups for an Administrator', () => {
    expect(validateAdministratorForm(emptyAdministratorForm(), 'create')).toEqual({
      name: 'nameRequired',
      email: 'emailRequired',
      password: 'passwordRequired',
      groupIds: 'groupsRequired',
    });
    const edit = { ...administratorToForm(admin), email: 'not an email' };
    expect(validateAdministratorForm(edit, 'edit')).toEqual({ email: 'emailInvalid' });
    expect(
      validateAdministratorForm(
        { ...administratorToForm(admin), role: 'master_admin', groupIds: [] },
        'edit',
      ),
    ).toEqual({});
  });

  it("recognises the API's refusal to lose the last Master Administrator", () => {
    const conflict = new ApiProblem(409, {
      status: 409,
      code: 'CONFLICT',
      title: 'Conflict',
      detail: 'an organization keeps at least one enabled Master Administrator',
    } as never);
    expect(isLastMasterRefusal(conflict)).toBe(true);
    const taken = new ApiProblem(409, { status: 409, code: 'EMAIL_TAKEN' } as never);
    expect(isLastMasterRefusal(taken)).toBe(false);
  });
});
