import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import { authenticate } from '@hiorder/core/identity';
import { changeOrderStatus, closeVisit, placeOrder } from '@hiorder/core/ordering';
import { idemKey, pairTablet, type StoreFixture, type TestApp } from './test-app';
import { sqlOf, sqlTransaction } from '@hiorder/core/db';
import { settleRefund } from '@hiorder/core/payment';
import type { OrderDto, PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { newId } from '@hiorder/domain/shared/ids';

/**
 * One order of a generated history: placed and paid at `paidAt` (with `method`, default easy pay), partly refunded
 * at `partialRefund.at` (some of its lines, by index), refunded (cancelled) at `refundedAt`.
 */
export interface HistoryOrder {
  lines: { menuId: string; qty: number }[];
  paidAt: Date;
  method?: PaymentMethod;
  partialRefund?: { at: Date; lines: { index: number; qty: number }[] };
  refundedAt?: Date;
}

/** The orders of one visit (one table occupancy), closed after its last order. */
export interface HistoryVisit {
  tableId: string;
  orders: HistoryOrder[];
}

/**
 * Writes an order history through the real commands (placement, the paid and cancelled transitions with their
 * events, closing visits) at chosen times, without the payment provider: statistics and recommendations
 * tests need paid orders at 23:59 and 00:01 in Seoul, which a real payment can't be made at. Returns the ids.
 */
export async function recordOrderHistory(app: TestApp, store: StoreFixture, visits: readonly HistoryVisit[]): Promise<string[]> {
  const actors = new Map<string, Extract<Actor, { role: 'table' }>>();
  const staff: Actor = { kind: 'staff', role: 'admin', staffId: store.adminId, storeId: store.storeId };
  const ids: string[] = [];
  for (const visit of visits) {
    let actor = actors.get(visit.tableId);
    if (!actor) {
      const token = await pairTablet(app, store, visit.tableId);
      const found = await authenticate(sqlOf(app.em()), app.server.app.deps.tokens, token, new Date());
      if (found.role !== 'table') throw new Error('paired a non-table device');
      actor = found;
      actors.set(visit.tableId, found);
    }
    for (const order of visit.orders) {
      const placedAt = new Date(order.paidAt.getTime() - 60_000);
      const placed = await placeOrder(
        { em: app.em(), actor, now: placedAt, reservationTtlMs: 600_000 },
        { idempotencyKey: idemKey(), lines: order.lines.map((l) => ({ ...l, options: [], note: '' })) },
      );
      const id = placed.order.id;
      const method = order.method ?? 'easy_pay';
      await sqlTransaction(app.em(), (sql) => changeOrderStatus(sql, id, { to: 'paid', method }, order.paidAt));
      if (order.partialRefund) {
        const { at, lines } = order.partialRefund;
        const refundLines = lines.map((l) => {
          const line = placed.order.lines[l.index] as OrderDto['lines'][number];
          return { lineId: line.id, qty: l.qty, amount: line.unitPrice * l.qty };
        });
        await recordPartialRefund(app, { storeId: store.storeId, orderId: id, lines: refundLines, method, at });
      }
      if (order.refundedAt) {
        const at = order.refundedAt;
        await sqlTransaction(app.em(), (sql) =>
          changeOrderStatus(sql, id, { to: 'cancelled', reason: 'test refund', refunded: true, method }, at),
        );
      }
      ids.push(id);
    }
    await closeVisit({ em: app.em(), actor: staff, now: new Date() }, visit.tableId, { force: true });
  }
  return ids;
}

/**
 * A partial refund at a chosen time without the provider: its saga row as phase 1 writes it, then the real phase 3
 * (`settleRefund`: the order's refunded lines and amount, history, `order.refunded`).
 */
export async function recordPartialRefund(
  app: TestApp,
  refund: { storeId: string; orderId: string; lines: { lineId: string; qty: number; amount: number }[]; method: PaymentMethod; at: Date },
): Promise<void> {
  const id = newId();
  const amount = refund.lines.reduce((n, l) => n + l.amount, 0);
  await sqlTransaction(app.em(), async (sql) => {
    await sql.run(
      `insert into payment_refund (id, store_id, order_id, idempotency_key, amount, reason, restock, lines, method, staff_id, status, created_at, updated_at)
       values (?, ?, ?, ?, ?, 'test partial refund', ?, ?, ?, null, 'requested', ?, ?)`,
      [id, refund.storeId, refund.orderId, idemKey(), amount, false, JSON.stringify(refund.lines), refund.method, refund.at, refund.at],
    );
    await settleRefund(sql, id, refund.at);
  });
}
