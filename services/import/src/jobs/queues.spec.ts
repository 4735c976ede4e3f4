import { batchesOf } from './queues';

describe('batchesOf', () => {
  it('cuts rows into batches fixed by row number, whatever rows are left out', () => {
    expect(batchesOf('imp', [1, 2, 3, 4, 5, 7], 3)).toEqual([
      { jobId: 'imp.b0', rows: [1, 2, 3] },
      { jobId: 'imp.b1', rows: [4, 5] },
      { jobId: 'imp.b2', rows: [7] },
    ]);
    // Queued again later with fewer rows: the same job ids, so nothing is added twice.
    expect(batchesOf('imp', [7, 5], 3).map((batch) => batch.jobId)).toEqual(['imp.b1', 'imp.b2']);
  });

  it('has no ":" in job ids (BullMQ refuses it) and nothing for no rows', () => {
    expect(batchesOf('a-b', [1], 50)[0].jobId).not.toContain(':');
    expect(batchesOf('a-b', [], 50)).toEqual([]);
  });
});
