import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../events/domain-events';
import { SeqTracker } from './seq-tracker';

const ev = (seq: number) => ({ seq, id: `e${seq}` }) as unknown as DomainEvent;

describe('SeqTracker', () => {
  it('applies any arrival order with duplicates exactly once and in seq order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.nat(200)), (n, noise) => {
        const deliveries = [...Array.from({ length: n }, (_, i) => i + 1), ...noise.map((x) => (x % n) + 1)];
        const shuffled = fc.sample(fc.shuffledSubarray(deliveries, { minLength: deliveries.length }), 1)[0] as number[];
        const tracker = new SeqTracker();
        const applied = shuffled.flatMap((seq) => tracker.offer([ev(seq)]).map((e) => e.seq));
        expect(applied).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        expect(tracker.hasGap).toBe(false);
      }),
    );
  });
  it('starts after the lastSeq it resumes from', () => {
    const tracker = new SeqTracker(5);
    expect(tracker.offer([ev(3), ev(5)])).toEqual([]);
    expect(tracker.offer([ev(6)]).map((e) => e.seq)).toEqual([6]);
  });
});
