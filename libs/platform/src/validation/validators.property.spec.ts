import { RpcException } from '@nestjs/microservices';
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
  FALSE_WORDS,
  GroupChanges,
  GroupFields,
  IMPORT_COLUMNS,
  isWellFormedText,
  ListImportItemsQuery,
  ListTechniciansQuery,
  LoginCommand,
  PageQuery,
  parseImportBoolean,
  PasswordPolicy,
  SetPasswordPolicyCommand,
  TechnicianChanges,
  TechnicianFields,
  TRUE_WORDS,
  UpdateAdministratorCommand,
  UpdateGroupCommand,
  UpdateTechnicianCommand,
  UploadImportCommand,
} from '@app/contracts';
import {
  generateSealingKeyPair,
  open,
  openBytes,
  seal,
  SealedBoxError,
} from '../crypto/sealed-box';
import { censorSecrets, REDACTED } from '../logging/censor-secrets';
import { CursorPart, decodeCursor, encodeCursor } from '../pagination/cursor';
import { STRICT_VALIDATION, toFieldErrors } from './field-errors';

/**
 * Properties of what reads outside input before anything else does (issue 6): the
 * validators of the contracts' payloads, the cursor decoder, sealed boxes, the log
 * censor and the import booleans. For any input they answer, and only in their own way.
 */

/** Strings of any UTF-16 code units: lone surrogates, NUL and control characters included. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string16bits({ maxLength: 60 }),
);
const anyValue = fc.anything({ stringUnit: 'binary', maxDepth: 3 });

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

describe('decodeCursor', () => {
  const base64url = (value: unknown) =>
    Buffer.from(JSON.stringify(value) ?? '').toString('base64url');
  const part = fc.constantFrom<CursorPart>('text', 'uuid', 'timestamp', 'integer');
  /** A value of the kind a list puts in its cursors, for each part. */
  const fitting: Record<CursorPart, fc.Arbitrary<string>> = {
    text: fc.string({ maxLength: 200 }),
    uuid: fc.uuid(),
    timestamp: fc
      .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z') })
      .map((date) => date.toISOString()),
    integer: fc.nat({ max: 999_999_999 }).map(String),
  };
  const cursorText = fc.oneof(
    anyString,
    fc.base64String().map((text) => text.replace(/=+$/, '')),
    fc.jsonValue().map(base64url),
    fc
      .array(fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue()), { maxLength: 4 })
      .map(base64url),
    fc
      .array(fc.oneof(anyString, fc.uuid(), fitting.timestamp, fitting.integer), {
        minLength: 1,
        maxLength: 3,
      })
      .map(encodeCursor),
  );

  it('returns one safe string per part or throws an RpcException VALIDATION_FAILED, for any text', () => {
    fc.assert(
      fc.property(cursorText, fc.array(part, { minLength: 1, maxLength: 3 }), (cursor, parts) => {
        let values: string[];
        try {
          values = decodeCursor(cursor, parts);
        } catch (err) {
          expect(err).toBeInstanceOf(RpcException);
          expect((err as RpcException).getError()).toMatchObject({
            code: 'VALIDATION_FAILED',
            errors: [expect.objectContaining({ field: 'cursor' })],
          });
          return;
        }
        expect(values).toHaveLength(parts.length);
        values.forEach((value, i) => {
          expect(typeof value).toBe('string');
          // What a query may be given for each part: never NUL or half a surrogate pair.
          expect(value).not.toContain('\u0000');
          expect(isWellFormedText(value)).toBe(true);
          if (parts[i] === 'uuid') expect(value).toMatch(/^[0-9a-f-]{36}$/i);
          if (parts[i] === 'integer') expect(Number.isSafeInteger(Number(value))).toBe(true);
          if (parts[i] === 'timestamp') expect(Number.isNaN(Date.parse(value))).toBe(false);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back what encodeCursor encoded, for values of the kinds of the parts', () => {
    const cursorOf = fc
      .array(part, { minLength: 1, maxLength: 3 })
      .chain((parts) =>
        fc.tuple(fc.constant(parts), fc.tuple(...parts.map((kind) => fitting[kind]))),
      );
    fc.assert(
      fc.property(cursorOf, ([parts, values]) => {
        expect(decodeCursor(encodeCursor(values), parts)).toEqual(values);
      }),
    );
  });
});

describe('sealed boxes: open and openBytes', () => {
  const keyPair = generateSealingKeyPair();
  const base64urlPart = fc.string({ unit: fc.constantFrom(...'ABCxyz019-_'), maxLength: 80 });
  let box: string;
  let parts: string[];
  let boxText: fc.Arbitrary<string>;

  beforeAll(async () => {
    box = await seal('Correct-Horse-9', keyPair);
    parts = box.split('.');
    /** Any text, text shaped like a box, and real boxes with one part replaced or cut short. */
    boxText = fc.oneof(
      anyString,
      fc
        .tuple(
          fc.constantFrom(keyPair.keyId, '0123456789abcdef'),
          fc.array(base64urlPart, { minLength: 2, maxLength: 2 }),
        )
        .map(([keyId, rest]) => ['hpke', keyId, ...rest].join('.')),
      fc
        .tuple(fc.integer({ min: 0, max: 3 }), base64urlPart)
        .map(([index, part]) => parts.map((p, i) => (i === index ? part : p)).join('.'))
        .filter((text) => text !== box),
      fc.integer({ min: 0, max: box.length - 1 }).map((length) => box.slice(0, length)),
      fc
        .tuple(
          fc.integer({ min: 0, max: box.length - 1 }),
          fc.string({ minLength: 1, maxLength: 1 }),
        )
        .map(([at, char]) => box.slice(0, at) + char + box.slice(at + 1))
        .filter((text) => text !== box),
    );
  });

  it.each([
    ['open', open],
    ['openBytes', openBytes],
  ] as const)('%s rejects with nothing but SealedBoxError, for any text', async (_, fn) => {
    await fc.assert(
      fc.asyncProperty(boxText, async (text) => {
        try {
          await fn(text, keyPair);
        } catch (err) {
          expect(err).toBeInstanceOf(SealedBoxError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('opens nothing but an intact box: any other text shaped like one is refused', async () => {
    await fc.assert(
      fc.asyncProperty(boxText, async (text) => {
        // Another box can decode to the same bytes only through base64url's unused bits.
        const same = (a: string, b: string) =>
          Buffer.from(a, 'base64url').equals(Buffer.from(b, 'base64url'));
        const textParts = text.split('.');
        const intact =
          textParts.length === 4 &&
          textParts.slice(0, 2).join('.') === parts.slice(0, 2).join('.') &&
          textParts.slice(2).every((part, i) => same(part, parts[i + 2]));
        if (!intact) await expect(open(text, keyPair)).rejects.toThrow(SealedBoxError);
      }),
      { numRuns: 300 },
    );
  });
});

describe('censorSecrets', () => {
  const SECRET = /password|token|secret/i;
  /** Names the censor keeps on purpose: flags and kinds, not secrets. */
  const HARMLESS = new Set([
    'mustChangePassword',
    'tokenType',
    'expiresIn',
    'rejectCommonPasswords',
    'forceChangeOnAdminSet',
  ]);
  const secretKey = fc.constantFrom(
    'password',
    'Password',
    'newPassword',
    'sealedPassword',
    'accessToken',
    'refresh_token',
    'jwtSecret',
    'SECRET',
    'tokenType',
    'mustChangePassword',
  );
  const key = fc.oneof(fc.string({ maxLength: 12 }), secretKey);

  /** Secret-looking keys at any place, in objects nested inside objects and arrays. */
  const logObject = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.jsonValue({ maxDepth: 1 }),
      tie('object'),
      fc.array(tie('value'), { maxLength: 3 }),
    ),
    object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  })).object;

  /** Every non-boolean value left under a secret-looking key (except the harmless names). */
  function leaks(value: unknown, path = '$'): string[] {
    if (Array.isArray(value)) return value.flatMap((item, i) => leaks(item, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([k, item]) =>
      SECRET.test(k) && !HARMLESS.has(k) && typeof item !== 'boolean' && item !== REDACTED
        ? [`${path}.${k}`]
        : leaks(item, `${path}.${k}`),
    );
  }

  it('never throws and leaves no secret-looking field with a value, for any log object', () => {
    fc.assert(
      fc.property(logObject, (object) => {
        expect(leaks(censorSecrets(object))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('redacts a secret however deeply it is nested', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom('object', 'array'),
        (depth, container) => {
          let object: unknown = { password: 'Correct-Horse-9' };
          for (let level = 0; level < depth; level++)
            object = container === 'object' ? { body: object } : [object];
          expect(leaks(censorSecrets(object))).toEqual([]);
        },
      ),
    );
  });

  it('never throws for any JSON value, and returns what holds no secret as it was (up to 8 levels deep)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const censored = censorSecrets(value);
        expect(leaks(censored)).toEqual([]);
        // A member named __proto__ becomes the copy's prototype: see the next test.
        if (leaks(value).length === 0 && !JSON.stringify(value).includes('"__proto__"'))
          expect(censored).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it('lets no secret through a member named __proto__ (as JSON.parse makes it)', () => {
    fc.assert(
      fc.property(secretKey, fc.string({ minLength: 1 }), (name, secret) => {
        fc.pre(!HARMLESS.has(name));
        const censored = censorSecrets(
          JSON.parse(`{"__proto__":{${JSON.stringify(name)}:${JSON.stringify(`pw-${secret}`)}}}`),
        ) as Record<string, unknown>;
        expect(JSON.stringify(censored)).not.toContain('pw-');
        expect(censored[name]).not.toBe(`pw-${secret}`);
      }),
    );
  });
});

describe('parseImportBoolean', () => {
  const word = fc.oneof(
    anyString,
    fc
      .tuple(
        fc.constantFrom(...TRUE_WORDS, ...FALSE_WORDS, 'enabled', 'disabled'),
        fc.constantFrom('', ' ', '\t', '\u00a0'),
        fc.boolean(),
      )
      .map(([w, pad, upper]) => pad + (upper ? w.toUpperCase() : w) + pad),
  );

  it('answers true, false or undefined for any cell, exactly as the words of spec section 4 say', () => {
    fc.assert(
      fc.property(word, fc.constantFrom(...IMPORT_COLUMNS), (cell, column) => {
        const parsed = parseImportBoolean(cell, column);
        const normal = cell.trim().toLowerCase();
        const truthy =
          TRUE_WORDS.includes(normal) || (column === 'Enabled' && normal === 'enabled');
        const falsy =
          FALSE_WORDS.includes(normal) || (column === 'Enabled' && normal === 'disabled');
        expect(parsed).toBe(truthy ? true : falsy ? false : undefined);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps JSON booleans as they are', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(...IMPORT_COLUMNS), (value, column) => {
        expect(parseImportBoolean(value, column)).toBe(value);
      }),
    );
  });
});
