import fc from 'fast-check';
import { CumulativeAcks } from './cumulative-acks';

describe('CumulativeAcks', () => {
  it('acknowledges up to the highest tag whose earlier ones are all done', () => {
    const acks = new CumulativeAcks();
    [1, 2, 3, 4].forEach((tag) => acks.delivered(tag));
    expect(acks.finish(3, 'ack')).toBeUndefined();
    expect(acks.finish(2, 'ack')).toBeUndefined();
    expect(acks.finish(1, 'ack')).toBe(3);
    expect(acks.finish(4, 'ack')).toBe(4);
  });

  it('never names a tag settled otherwise, yet passes over it', () => {
    const acks = new CumulativeAcks();
    [1, 2, 3].forEach((tag) => acks.delivered(tag));
    expect(acks.finish(2, 'ack')).toBeUndefined();
    expect(acks.finish(3, 'settled')).toBeUndefined();
    expect(acks.finish(1, 'ack')).toBe(2);
    acks.delivered(4);
    expect(acks.finish(4, 'settled')).toBeUndefined();
  });

  it('whatever the order of finishing, every tag to acknowledge is covered once and no settled one is named', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }).chain((settled) =>
          fc.tuple(
            fc.constant(settled),
            fc.shuffledSubarray(
              settled.map((_, i) => i + 1),
              {
                minLength: settled.length,
                maxLength: settled.length,
              },
            ),
          ),
        ),
        ([settled, order]) => {
          const acks = new CumulativeAcks();
          settled.forEach((_, i) => acks.delivered(i + 1));
          let covered = 0;
          for (const tag of order) {
            const upTo = acks.finish(tag, settled[tag - 1] ? 'settled' : 'ack');
            if (upTo === undefined) continue;
            expect(settled[upTo - 1]).toBe(false);
            expect(upTo).toBeGreaterThan(covered);
            // Every tag it covers is finished.
            for (let t = covered + 1; t <= upTo; t++)
              expect(order.indexOf(t)).toBeLessThanOrEqual(order.indexOf(tag));
            covered = upTo;
          }
          const lastToAck = settled.lastIndexOf(false) + 1;
          expect(covered).toBe(lastToAck);
        },
      ),
    );
  });
});
