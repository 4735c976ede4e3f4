import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import {
  Actor,
  AdministratorChanges,
  AdministratorFields,
  ChangePasswordCommand,
  CreateAdministratorCommand,
  CreateGroupCommand,
  CreateTechnicianCommand,
  GroupChanges,
  GroupFields,
  ListImportItemsQuery,
  ListTechniciansQuery,
  LoginCommand,
  PageQuery,
  PasswordPolicy,
  SetPasswordPolicyCommand,
  TechnicianChanges,
  TechnicianFields,
  UpdateAdministratorCommand,
  UpdateGroupCommand,
  UpdateTechnicianCommand,
  UploadImportCommand,
} from '@app/contracts';
import { generateSealingKeyPair, seal } from '../crypto/sealed-box';
import { anyString, anyValue } from '../testing/arbitraries';
import { STRICT_VALIDATION, toFieldErrors } from './field-errors';

/**
 * Properties of what reads outside input before anything else does (issue 6): the
 * validators of the contracts' payloads (the cursor decoder, sealed boxes, the log censor and
 * the import booleans have their own property specs). For any input they answer, and only in their own way.
 */

describe('class-validator on the payload classes of @app/contracts', () => {
  const CLASSES = [
    Actor,
    AdministratorChanges,
    AdministratorFields,
    ChangePasswordCommand,
    CreateAdministratorCommand,
    CreateGroupCommand,
    CreateTechnicianCommand,
    GroupChanges,
    GroupFields,
    ListImportItemsQuery,
    ListTechniciansQuery,
    LoginCommand,
    PageQuery,
    PasswordPolicy,
    SetPasswordPolicyCommand,
    TechnicianChanges,
    TechnicianFields,
    UpdateAdministratorCommand,
    UpdateGroupCommand,
    UpdateTechnicianCommand,
    UploadImportCommand,
  ];
  /** Every property name these classes validate, so that generated objects hit the validators. */
  const FIELDS = [
    'actor',
    'accountId',
    'organizationId',
    'role',
    'name',
    'nickname',
    'email',
    'ssoId',
    'description',
    'enabled',
    'standardLicense',
    'mobileLicense',
    'groupId',
    'groupIds',
    'parentId',
    'permissions',
    'sealedPassword',
    'sealedCurrentPassword',
    'sealedNewPassword',
    'sealedFile',
    'idempotencyKey',
    'clientAddress',
    'limit',
    'cursor',
    'q',
    'status',
    'policy',
    'minimumStrength',
    'minLength',
    'rejectCommonPasswords',
    'forceChangeOnAdminSet',
    'maxAgeDays',
    'fileName',
    'dryRun',
    'importId',
    'technicianId',
    'administratorId',
    '__proto__',
    'constructor',
    'prototype',
  ];
  const fieldValue = fc.oneof(anyString, anyValue);
  const payload = fc.oneof(
    fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 12 }),
    fc.object({ stringUnit: 'binary', maxDepth: 3 }),
    anyValue,
  );

  /** What the message pipe and the HTTP pipe both do: only an object reaches validation. */
  function validatePayload(type: new () => object, value: unknown) {
    const input = typeof value === 'object' && value !== null ? value : {};
    return toFieldErrors(validateSync(plainToInstance(type, input), STRICT_VALIDATION));
  }

  it.each(CLASSES.map((type) => [type.name, type]))(
    '%s: validating any payload returns field errors and never throws',
    (_, type) => {
      fc.assert(
        fc.property(payload, (value) => {
          const errors = validatePayload(type, value);
          expect(Array.isArray(errors)).toBe(true);
          for (const error of errors) {
            expect(typeof error.field).toBe('string');
            expect(error.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
            expect(typeof error.message).toBe('string');
          }
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each(['name', 'nickname', 'email', 'ssoId', 'description'])(
    'TechnicianFields: any string as %s is accepted or refused naming that field, never a throw',
    (field) => {
      fc.assert(
        fc.property(anyString, (value) => {
          const errors = validatePayload(TechnicianFields, {
            name: 'Valid Name',
            email: 'valid@example.com',
            [field]: value,
          });
          expect(errors.every((error) => error.field === field)).toBe(true);
        }),
        { numRuns: 500 },
      );
    },
  );

  it('LoginCommand: any string as the email is refused or accepted, never a throw', async () => {
    const sealedPassword = await seal('Correct-Horse-9', generateSealingKeyPair());
    fc.assert(
      fc.property(anyString, (email) => {
        const errors = validatePayload(LoginCommand, { email, sealedPassword });
        expect(errors.every((error) => error.field === 'email')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('toFieldErrors', () => {
  const validationError: fc.Memo<any> = fc.memo((depth) =>
    fc.record({
      property: fc.string(),
      constraints: fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }),
      children:
        depth > 1 ? fc.array(validationError(depth - 1), { maxLength: 3 }) : fc.constant([]),
    }),
  );

  it('flattens any tree of errors into { field, code, message } strings, one per constraint', () => {
    fc.assert(
      fc.property(fc.array(validationError(4), { maxLength: 4 }), (errors) => {
        const flat = toFieldErrors(errors);
        const constraints = (list: any[]): number =>
          list.reduce(
            (sum: number, e: any) =>
              sum + Object.keys(e.constraints ?? {}).length + constraints(e.children),
            0,
          );
        expect(flat).toHaveLength(constraints(errors));
        for (const error of flat) {
          expect(Object.keys(error).sort()).toEqual(['code', 'field', 'message']);
          expect(typeof error.field).toBe('string');
          expect(typeof error.code).toBe('string');
          expect(typeof error.message).toBe('string');
        }
      }),
    );
  });
});
