import { HashScheduler } from './hash-scheduler';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('HashScheduler', () => {
  it('runs at most one hash per slot', async () => {
    const scheduler = new HashScheduler(2);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        scheduler.run('bulk', async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
  });

  it('gives a freed slot to a person before any queued import row', async () => {
    const scheduler = new HashScheduler(1);
    const order: string[] = [];
    const first = deferred();
    const busy = scheduler.run('bulk', async () => {
      order.push('bulk 1');
      await first.promise;
    });
    const queuedBulk = [2, 3, 4].map((n) =>
      scheduler.run('bulk', () => {
        order.push(`bulk ${n}`);
        return Promise.resolve();
      }),
    );
    const person = scheduler.run('interactive', () => {
      order.push('interactive');
      return Promise.resolve();
    });
    expect(scheduler.queued).toEqual({ interactive: 1, bulk: 3 });

    first.resolve();
    await Promise.all([busy, person, ...queuedBulk]);
    expect(order).toEqual(['bulk 1', 'interactive', 'bulk 2', 'bulk 3', 'bulk 4']);
  });

  it("serves organizations' queued bulk hashes in turn", async () => {
    const scheduler = new HashScheduler(1);
    const order: string[] = [];
    const first = deferred();
    const busy = scheduler.run('bulk', () => first.promise, 'a');
    const hash = (organizationId: string, n: number) =>
      scheduler.run(
        'bulk',
        () => {
          order.push(`${organizationId}${n}`);
          return Promise.resolve();
        },
        organizationId,
      );
    const queued = [
      ...[1, 2, 3, 4].map((n) => hash('a', n)),
      ...[1, 2].map((n) => hash('b', n)),
      hash('c', 1),
    ];
    expect(scheduler.queued).toEqual({ interactive: 0, bulk: 7 });

    first.resolve();
    await Promise.all([busy, ...queued]);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  });

  it('frees the slot of a hash that failed', async () => {
    const scheduler = new HashScheduler(1);
    await expect(
      scheduler.run('bulk', () => Promise.reject(new Error('bad hash'))),
    ).rejects.toThrow('bad hash');
    await expect(scheduler.run('interactive', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
