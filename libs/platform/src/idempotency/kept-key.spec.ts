import { ErrorCodes } from '@app/contracts';
import { RpcException } from '@nestjs/microservices';
import { repeatOf } from './kept-key';
import { canonicalJson, requestFingerprint } from './request-fingerprint';

const mine = requestFingerprint({ command: 'x', name: 'Ada', groupIds: ['a', 'b'] });
const keptAt = new Date('2026-12-07T00:00:00Z');
const rules = { fingerprints: [mine], field: 'Idempotency-Key', retentionSeconds: 60 };

describe('repeatOf: what a request under a kept key is', () => {
  it('is new when nothing is kept', () => {
    expect(repeatOf(undefined, rules)).toBe('new');
    expect(repeatOf(null, rules)).toBe('new');
  });

  it('is the same request when a fingerprint matches, within the retention', () => {
    const now = new Date(keptAt.getTime() + 60_000);
    expect(repeatOf({ fingerprint: mine, keptAt }, rules, now)).toBe('same');
  });

  it('is expired past the retention, whatever the request', () => {
    const now = new Date(keptAt.getTime() + 60_001);
    expect(repeatOf({ fingerprint: 'f'.repeat(64), keptAt }, rules, now)).toBe('expired');
  });

  it('never expires where the service deletes its keys (no retention given)', () => {
    const later = new Date(keptAt.getTime() + 10 * 365 * 86_400_000);
    const { retentionSeconds: _, ...kept } = rules;
    expect(repeatOf({ fingerprint: mine, keptAt }, kept, later)).toBe('same');
  });

  it('accepts any of the given fingerprints (a legacy form beside the current one)', () => {
    const legacy = 'a'.repeat(64);
    const both = { ...rules, fingerprints: [mine, legacy] };
    expect(repeatOf({ fingerprint: legacy, keptAt }, both, keptAt)).toBe('same');
  });

  it('refuses another request under the key with IDEMPOTENCY_KEY_REUSED naming the field', () => {
    const other = requestFingerprint({ command: 'x', name: 'Grace', groupIds: ['a', 'b'] });
    let thrown: unknown;
    try {
      repeatOf({ fingerprint: other, keptAt }, { ...rules, reusedMessage: 'not yours' }, keptAt);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RpcException);
    expect((thrown as RpcException).getError()).toMatchObject({
      code: ErrorCodes.IDEMPOTENCY_KEY_REUSED,
      message: 'not yours',
      errors: [{ field: 'Idempotency-Key', code: ErrorCodes.IDEMPOTENCY_KEY_REUSED }],
    });
  });
});

describe('requestFingerprint', () => {
  it('does not depend on the order of fields, nor on fields left undefined', () => {
    expect(requestFingerprint({ a: 1, b: { c: 2, d: 3 } })).toBe(
      requestFingerprint({ b: { d: 3, c: 2 }, a: 1, e: undefined }),
    );
  });

  it('tells apart values that differ anywhere, arrays in order', () => {
    expect(requestFingerprint({ ids: ['a', 'b'] })).not.toBe(
      requestFingerprint({ ids: ['b', 'a'] }),
    );
    expect(requestFingerprint({ a: null })).not.toBe(requestFingerprint({ a: '' }));
  });

  it('is versioned apart from canonical JSON alone', () => {
    expect(canonicalJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
    expect(requestFingerprint({})).toMatch(/^[0-9a-f]{64}$/);
  });
});
