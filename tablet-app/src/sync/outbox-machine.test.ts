import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../db/db';
import { backoffMs, dueRows, isPending, nextWakeUp, transition } from './outbox-machine';

const row = (overrides: Partial<OutboxRow> = {}): OutboxRow => ({
  id: 'key-0001',
  input: { idempotencyKey: 'key-0001', lines: [{ menuId: '0190b7a0-0000-7000-8000-000000000003', qty: 1, options: [], note: '' }] },
  state: 'queued',
  attempts: 0,
  createdAt: 0,
  nextAttemptAt: 0,
  lastError: null,
  orderId: null,
  ...overrides,
});
const noJitter = () => 0;

describe('outbox state machine', () => {
  it('sends a queued row and counts the attempt', () => {
    expect(transition(row(), { type: 'send' }, 10)).toMatchObject({ state: 'sending', attempts: 1 });
  });

  it('records the order id when the server acknowledges', () => {
    const placed = transition(row({ state: 'sending', attempts: 1 }), { type: 'acked', orderId: 'order-1' }, 10);
    expect(placed).toMatchObject({ state: 'placed', orderId: 'order-1', lastError: null });
  });

  it('keeps a BUSY row and schedules it after retryAfterMs', () => {
    const busy = transition(
      row({ state: 'sending', attempts: 1 }),
      { type: 'refused', error: { code: 'BUSY', message: 'busy', details: { retryAfterMs: 3000 } } },
      1000,
    );
    expect(busy).toMatchObject({ state: 'busy', nextAttemptAt: 4000 });
    expect(isPending(busy)).toBe(true);
    expect(dueRows([busy], 3999)).toEqual([]);
    expect(dueRows([busy], 4000)).toHaveLength(1);
  });

  it('rejects for good on a rule violation', () => {
    const rejected = transition(row({ state: 'sending' }), { type: 'refused', error: { code: 'OUT_OF_STOCK', message: 'no' } }, 10);
    expect(rejected.state).toBe('rejected');
    expect(isPending(rejected)).toBe(false);
    expect(dueRows([rejected], 1e12)).toEqual([]);
  });

  it('goes back to the queue with backoff when no answer came', () => {
    const queued = transition(row({ state: 'sending', attempts: 3 }), { type: 'no_answer', reason: 'timeout' }, 1000, noJitter);
    expect(queued).toMatchObject({ state: 'queued', nextAttemptAt: 1000 + 4000 });
  });

  it('resends a row found mid-send after a reload, at once and with the same key', () => {
    const recovered = transition(row({ state: 'sending', attempts: 1 }), { type: 'recovered' }, 500);
    expect(recovered).toMatchObject({ state: 'queued', nextAttemptAt: 500 });
    expect(recovered.input.idempotencyKey).toBe('key-0001');
  });

  it('never leaves placed, whatever arrives late', () => {
    const placed = row({ state: 'placed', orderId: 'order-1' });
    expect(transition(placed, { type: 'refused', error: { code: 'BUSY', message: '' } }, 1)).toBe(placed);
    expect(transition(placed, { type: 'send' }, 1)).toBe(placed);
    expect(transition(placed, { type: 'no_answer', reason: '' }, 1)).toBe(placed);
  });

  it('backs off exponentially up to a ceiling', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, noJitter))).toEqual([1000, 2000, 4000, 8000, 30000]);
  });

  it('wakes up at the earliest waiting row', () => {
    expect(
      nextWakeUp([row({ nextAttemptAt: 50 }), row({ state: 'busy', nextAttemptAt: 20 }), row({ state: 'placed', nextAttemptAt: 1 })]),
    ).toBe(20);
    expect(nextWakeUp([row({ state: 'placed' })])).toBeNull();
  });
});
