import { describe, expect, it } from 'vitest';
import { isFinished } from '../api/imports';
import i18n from '../i18n/i18n';
import {
  filterCounts,
  filterItems,
  isItemFilter,
  outcome,
  progressPercent,
  reasonText,
} from './import-summary';

const view = (
  overrides: Partial<Parameters<typeof outcome>[0] & { total: number; processed: number }> = {},
) => ({
  status: 'running' as const,
  total: 500,
  processed: 0,
  succeeded: 0,
  failed: 0,
  ...overrides,
});

const item = (row: number, status: 'pending' | 'succeeded' | 'failed') => ({ row, status });

describe('the Import Summary', () => {
  it('counts each filter: pending are the rows neither succeeded nor failed', () => {
    expect(filterCounts(view({ total: 10, succeeded: 6, failed: 3 }))).toEqual({
      all: 10,
      succeeded: 6,
      failed: 3,
      pending: 1,
    });
    expect(filterCounts(view({ total: 2, succeeded: 2, failed: 0 })).pending).toBe(0);
    // Never negative, even if counts are read mid-update.
    expect(filterCounts(view({ total: 2, succeeded: 2, failed: 1 })).pending).toBe(0);
  });

  it('filters rows by status, all shows every row in order', () => {
    const rows = [item(1, 'succeeded'), item(2, 'failed'), item(3, 'pending'), item(4, 'failed')];
    expect(filterItems(rows, 'all').map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(filterItems(rows, 'failed').map((r) => r.row)).toEqual([2, 4]);
    expect(filterItems(rows, 'succeeded').map((r) => r.row)).toEqual([1]);
    expect(filterItems(rows, 'pending').map((r) => r.row)).toEqual([3]);
    expect(filterItems([], 'failed')).toEqual([]);
  });

  it('takes a filter from the address only when it is one', () => {
    expect(isItemFilter('failed')).toBe(true);
    expect(isItemFilter('processing')).toBe(false);
    expect(isItemFilter(null)).toBe(false);
  });

  it('says how an import ended', () => {
    expect(outcome(view({ status: 'completed', succeeded: 5, failed: 0 }))).toBe('completed');
    expect(outcome(view({ status: 'completed', succeeded: 3, failed: 2 }))).toBe(
      'completedWithFailures',
    );
    expect(outcome(view({ status: 'completed', succeeded: 0, failed: 2 }))).toBe(
      'nothingSucceeded',
    );
    expect(outcome(view({ status: 'cancelled', succeeded: 3, failed: 2 }))).toBe('cancelled');
    expect(outcome(view({ status: 'failed' }))).toBe('failed');
    expect(outcome(view({ status: 'queued' }))).toBe('queued');
    expect(isFinished({ status: 'running' })).toBe(false);
    expect(isFinished({ status: 'cancelled' })).toBe(true);
  });

  it('shows progress in whole percent, 100 only when every row is processed', () => {
    expect(progressPercent(view({ processed: 0 }))).toBe(0);
    expect(progressPercent(view({ processed: 250 }))).toBe(50);
    expect(progressPercent(view({ processed: 499 }))).toBe(99);
    expect(progressPercent(view({ processed: 500 }))).toBe(100);
    expect(progressPercent(view({ processed: 600 }))).toBe(100);
    expect(progressPercent(view({ total: 0, status: 'queued' }))).toBe(0);
    expect(progressPercent(view({ total: 0, status: 'completed' }))).toBe(100);
  });

  it("says each row's reason with its column, in words, the server's message for the rest", async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n);
    expect(
      reasonText({ field: 'Email', code: 'INVALID_EMAIL', message: 'email must be an email' }, t),
    ).toBe('Email: not a valid email address');
    expect(
      reasonText(
        {
          field: 'Password',
          code: 'PASSWORD_POLICY',
          message: 'must be at least 8 characters long (PASSWORD_TOO_SHORT)',
        },
        t,
      ),
    ).toBe('Password: does not meet the password policy: must be at least 8 characters long');
    expect(
      reasonText({ field: 'Name', code: 'VALIDATION_FAILED', message: 'Name is required' }, t),
    ).toBe('Name: Name is required');
    expect(reasonText({ field: 'Row', code: 'CANCELLED', message: 'cancelled' }, t)).toBe(
      'Row: not imported: the import was cancelled',
    );
  });
});
