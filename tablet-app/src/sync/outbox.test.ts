import type { OrderDto, OrderPlace } from '@hiorder/domain/ordering/ordering.schemas';
import type { Ack } from '@hiorder/domain/shared/errors';
import { beforeEach, describe, expect, it } from 'vitest';
import { addToCart, clearCart, setOrderNote } from '../cart/actions';
import { db, readOrderNote } from '../db/db';
import { submitCart } from '../ordering/actions';
import { buildMenu, buildOrder, resetDb } from '../test/fixtures';
import { pushDueRows, recoverInterruptedSends, type PlaceTransport } from './outbox';

const bulgogi = buildMenu();

/** A server stand-in with the real idempotency rule: one key, one order. */
class FakeServer implements PlaceTransport {
  online = true;
  busyAnswers = 0;
  dropAnswers = 0;
  readonly received: OrderPlace[] = [];
  readonly ordersByKey = new Map<string, OrderDto>();
  connected(): boolean {
    return this.online;
  }
  async place(input: OrderPlace): Promise<Ack<OrderDto>> {
    this.received.push(input);
    if (this.busyAnswers > 0) {
      this.busyAnswers -= 1;
      return { ok: false, error: { code: 'BUSY', message: 'busy', details: { retryAfterMs: 2000 } } };
    }
    const order = this.ordersByKey.get(input.idempotencyKey) ?? buildOrder(bulgogi, { status: 'pending_payment' });
    this.ordersByKey.set(input.idempotencyKey, order);
    if (this.dropAnswers > 0) {
      this.dropAnswers -= 1;
      throw new Error('operation has timed out');
    }
    return { ok: true, data: order };
  }
}

let now = 1_000_000;
const clock = { now: () => now };

describe('the outbox', () => {
  beforeEach(async () => {
    await resetDb();
    await db.menus.put(bulgogi);
    now = 1_000_000;
  });

  it('moves the cart into the outbox with its key in one step', async () => {
    await addToCart(bulgogi.id, 2);
    const row = await submitCart(now);
    expect(row?.input).toEqual({
      idempotencyKey: row?.id,
      lines: [{ menuId: bulgogi.id, qty: 2, unitPrice: bulgogi.price, options: [], note: '' }],
    });
    expect(await db.cart.count()).toBe(0);
    expect(await db.outbox.get(row!.id)).toMatchObject({ state: 'queued' });
  });

  it('sends the order’s request with the order (trimmed, within the limit) and clears it with the cart', async () => {
    await addToCart(bulgogi.id);
    await setOrderNote(`  ${'앞접시 주세요 '.repeat(40)}`);
    const row = await submitCart(now);
    expect(row?.input.note).toBe('앞접시 주세요 '.repeat(40).slice(0, 198).trim());
    expect(row?.input.note?.length).toBeLessThanOrEqual(200);
    expect(await readOrderNote()).toBe('');
    // The next order goes without it; a blank request is not sent at all.
    await addToCart(bulgogi.id);
    await setOrderNote('   ');
    expect((await submitCart(now))?.input).not.toHaveProperty('note');
    // Clearing the cart drops the request with the lines.
    await addToCart(bulgogi.id);
    await setOrderNote('아이 수저');
    await clearCart();
    expect(await readOrderNote()).toBe('');
  });

  it('keeps the order queued while offline and sends it once when back online', async () => {
    const server = new FakeServer();
    server.online = false;
    await addToCart(bulgogi.id);
    const row = (await submitCart(now))!;
    await pushDueRows(server, clock);
    expect(server.received).toHaveLength(0);
    expect((await db.outbox.get(row.id))?.state).toBe('queued');

    server.online = true;
    await pushDueRows(server, clock);
    await pushDueRows(server, clock);
    expect(server.received).toHaveLength(1);
    const placed = await db.outbox.get(row.id);
    expect(placed).toMatchObject({ state: 'placed', orderId: server.ordersByKey.get(row.id)?.id });
    expect(await db.orders.get(placed!.orderId!)).toBeDefined();
  });

  it('waits out a BUSY answer and then sends again with the same key', async () => {
    const server = new FakeServer();
    server.busyAnswers = 1;
    await addToCart(bulgogi.id);
    const row = (await submitCart(now))!;
    await pushDueRows(server, clock);
    expect(await db.outbox.get(row.id)).toMatchObject({ state: 'busy', nextAttemptAt: now + 2000 });

    now += 1999;
    await pushDueRows(server, clock);
    expect(server.received).toHaveLength(1);

    now += 1;
    await pushDueRows(server, clock);
    expect(server.received.map((r) => r.idempotencyKey)).toEqual([row.id, row.id]);
    expect((await db.outbox.get(row.id))?.state).toBe('placed');
    expect(server.ordersByKey.size).toBe(1);
  });

  it('resends after a lost ack and the server answers with the first order', async () => {
    const server = new FakeServer();
    server.dropAnswers = 1;
    await addToCart(bulgogi.id);
    const row = (await submitCart(now))!;
    await pushDueRows(server, clock);
    expect(await db.outbox.get(row.id)).toMatchObject({ state: 'queued', attempts: 1 });

    now += 60_000;
    await pushDueRows(server, clock);
    expect(server.received).toHaveLength(2);
    expect(server.ordersByKey.size).toBe(1);
    expect((await db.outbox.get(row.id))?.orderId).toBe(server.ordersByKey.get(row.id)?.id);
  });

  it('puts a row left mid-send by a closed page back in the queue', async () => {
    await addToCart(bulgogi.id);
    const row = (await submitCart(now))!;
    await db.outbox.update(row.id, { state: 'sending', attempts: 1 });
    await recoverInterruptedSends(now);
    expect((await db.outbox.get(row.id))?.state).toBe('queued');
  });

  it('records a refusal for good, with the error to explain', async () => {
    const server: PlaceTransport = {
      connected: () => true,
      place: async () => ({ ok: false, error: { code: 'OUT_OF_STOCK', message: 'out', details: { violations: [] } } }),
    };
    await addToCart(bulgogi.id);
    const row = (await submitCart(now))!;
    await pushDueRows(server, clock);
    expect(await db.outbox.get(row.id)).toMatchObject({ state: 'rejected', lastError: { code: 'OUT_OF_STOCK' } });
  });
});
