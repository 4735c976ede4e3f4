import { MAX_JOB_PRIORITY, rowPriority } from './fair-share';

describe('rowPriority', () => {
  it('is the import’s base plus the row number, within BullMQ’s range', () => {
    expect(rowPriority(0, 1)).toBe(1);
    expect(rowPriority(1200, 7)).toBe(1207);
    expect(rowPriority(0, 0)).toBe(1);
    expect(rowPriority(MAX_JOB_PRIORITY, 5)).toBe(MAX_JOB_PRIORITY);
  });
});
