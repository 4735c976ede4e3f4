import { bounded, boundedFieldErrors, PROBLEM_LIMITS } from './problem-limits';

describe('problem limits', () => {
  it('leaves text within the limit as it is', () => {
    expect(bounded('invalid fields: email', 1024)).toBe('invalid fields: email');
    expect(bounded('x'.repeat(10), 10)).toBe('x'.repeat(10));
  });

  it('cuts longer text to the limit in characters, not UTF-16 units, and marks the cut', () => {
    const cut = bounded('😀'.repeat(20), 10);
    expect(Array.from(cut)).toHaveLength(10);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('keeps the first errors, each field, code and message within its limit', () => {
    const errors = Array.from({ length: 500 }, (_, i) => ({
      field: `f${i}.${'k'.repeat(1000)}`,
      code: 'UNKNOWN_FIELD',
      message: 'm'.repeat(5000),
    }));

    const kept = boundedFieldErrors(errors);

    expect(kept).toHaveLength(PROBLEM_LIMITS.errors);
    expect(kept[0].field.startsWith('f0.')).toBe(true);
    expect(kept.every((e) => Array.from(e.field).length <= PROBLEM_LIMITS.field)).toBe(true);
    expect(kept.every((e) => Array.from(e.message).length <= PROBLEM_LIMITS.text)).toBe(true);
    expect(kept[0].code).toBe('UNKNOWN_FIELD');
  });
});
