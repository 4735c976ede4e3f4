import fc from 'fast-check';
import { censorSecrets, REDACTED } from './censor-secrets';

/** Properties of the log censor (issue 6): for any input it answers, and only in its own way. */

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
