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

  it('holds events past a gap, reports the gap, and releases them once it is filled', () => {
    const tracker = new SeqTracker();
    expect(tracker.lastSeq).toBe(0);
    expect(tracker.offer([ev(2), ev(3)])).toEqual([]);
    expect(tracker.hasGap).toBe(true);
    expect(tracker.lastSeq).toBe(0);
    expect(tracker.offer([ev(1)]).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(tracker.hasGap).toBe(false);
    expect(tracker.lastSeq).toBe(3);
  });
  it('drops an event at the applied seq instead of holding it as a gap', () => {
    const tracker = new SeqTracker(4);
    expect(tracker.offer([ev(4)])).toEqual([]);
    expect(tracker.hasGap).toBe(false);
  });
});
