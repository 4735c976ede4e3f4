import { describe, expect, it } from 'vitest';
import { ApiProblem, type Problem } from './client';
import { IdempotencyKeys, isDefiniteRefusal, randomUuid } from './idempotency';

const problem = (status: number, code: string) =>
  new ApiProblem(status, { status, code, title: code } as unknown as Problem);

const counter = () => {
  let n = 0;
  return () => `key-${++n}`;
};

describe('IdempotencyKeys', () => {
  it('keeps the key while the same intent is sent and its outcome is unknown', () => {
    const keys = new IdempotencyKeys(counter());
    const body = { name: 'Bo', email: 'bo@example.com' };
    expect(keys.for(body)).toBe('key-1');
    expect(keys.for({ ...body })).toBe('key-1'); // a double submit
    keys.failed(problem(503, 'SERVICE_UNAVAILABLE'));
    expect(keys.for(body)).toBe('key-1');
    keys.failed(new TypeError('Failed to fetch'));
    expect(keys.for(body)).toBe('key-1');
    keys.failed(problem(429, 'TOO_MANY_REQUESTS'));
    expect(keys.for(body)).toBe('key-1');
  });

  it('takes a new key for another intent (the form was changed)', () => {
    const keys = new IdempotencyKeys(counter());
    const body = { name: 'Bo', email: 'bo@example.com' };
    expect(keys.for(body)).toBe('key-1');
    expect(keys.for({ ...body, email: 'bo2@example.com' })).toBe('key-2');
    expect(keys.for({ ...body, email: 'bo2@example.com' })).toBe('key-2');
  });

  it('takes a new key after a definite refusal, also for the same intent', () => {
    const keys = new IdempotencyKeys(counter());
    expect(keys.for({ email: 'bo@example.com' })).toBe('key-1');
    keys.failed(problem(409, 'EMAIL_TAKEN'));
    expect(keys.for({ email: 'bo@example.com' })).toBe('key-2');
    expect(keys.for({ email: 'bo@example.com' })).toBe('key-2');
  });

  it('tells a file by itself, and its options by value', () => {
    const keys = new IdempotencyKeys(counter());
    const file = new File(['name,email'], 'a.csv');
    expect(keys.for([file, null, false])).toBe('key-1');
    expect(keys.for([file, null, false])).toBe('key-1');
    expect(keys.for([file, null, true])).toBe('key-2');
    expect(keys.for([new File(['name,email'], 'a.csv'), null, true])).toBe('key-3');
  });

  it('makes keys the API accepts', () => {
    expect(new IdempotencyKeys().for({})).toMatch(/^[A-Za-z0-9:._-]{1,200}$/);
  });
});

describe('isDefiniteRefusal', () => {
  it('knows which failures are definite', () => {
    expect(isDefiniteRefusal(problem(422, 'PASSWORD_POLICY'))).toBe(true);
    expect(isDefiniteRefusal(problem(500, 'INTERNAL'))).toBe(false);
    expect(isDefiniteRefusal(problem(408, 'TIMEOUT'))).toBe(false);
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
