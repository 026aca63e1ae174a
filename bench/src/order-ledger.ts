import { HOLDING_STATUSES } from '@hiorder/domain/ordering/order-lifecycle';
import type { BenchDatabase } from './bench-database';

/**
 * What the guests were told, kept on the client side: every idempotency key sent, the order id each ack carried,
 * and the payment answers. Checked afterwards against the database (read directly, not through the server) to
 * prove that nothing was lost and nothing doubled.
 */
export class OrderLedger {
  /** `deviceId|key` → order ids the acks carried (a replayed key must carry the same one). */
  private readonly acks = new Map<string, Set<string>>();
  private readonly sent = new Set<string>();
  readonly paid = new Set<string>();
  readonly declined = new Set<string>();

  recordSent(deviceId: string, key: string): void {
    this.sent.add(`${deviceId}|${key}`);
  }

  recordAck(deviceId: string, key: string, orderId: string): void {
    const slot = `${deviceId}|${key}`;
    const ids = this.acks.get(slot) ?? new Set<string>();
    ids.add(orderId);
    this.acks.set(slot, ids);
  }

  get ackedCount(): number {
    return this.acks.size;
  }

  async verify(db: BenchDatabase, initialStock: ReadonlyMap<string, number>): Promise<LedgerVerdict> {
    const rows = await db.sql<{ id: string; device_id: string; idempotency_key: string; status: string }>(
      'select id, device_id, idempotency_key, status from orders',
    );
    const ordersByKey = new Map<string, { id: string; status: string }[]>();
    for (const row of rows) {
      const slot = `${row.device_id}|${row.idempotency_key}`;
      ordersByKey.set(slot, [...(ordersByKey.get(slot) ?? []), { id: row.id, status: row.status }]);
    }
    const statusById = new Map(rows.map((r) => [r.id, r.status]));

    let lost = 0;
    let doubled = 0;
    for (const [slot, ids] of this.acks) {
      if (ids.size > 1) doubled += ids.size - 1;
      for (const id of ids) if (!statusById.has(id)) lost += 1;
      const stored = ordersByKey.get(slot) ?? [];
      if (stored.length > 1) doubled += stored.length - 1;
    }
    let withoutAck = 0;
    for (const slot of ordersByKey.keys()) if (!this.acks.has(slot)) withoutAck += 1;
    let neverAcked = 0;
    for (const slot of this.sent) if (!this.acks.has(slot)) neverAcked += 1;

    const paidStatuses = new Set(['paid', 'accepted', 'served']);
    let paymentMismatches = 0;
    for (const id of this.paid) if (!paidStatuses.has(statusById.get(id) ?? '')) paymentMismatches += 1;
    // A declined attempt leaves its order payable (pending_payment) until it expires; never paid.
    const afterDecline = new Set(['pending_payment', 'expired']);
    for (const id of this.declined) if (!afterDecline.has(statusById.get(id) ?? '')) paymentMismatches += 1;

    const holding = HOLDING_STATUSES.map((s) => `'${s}'`).join(', ');
    const sold = await db.sql<{ menu_id: string; qty: number | string }>(
      `select l.menu_id, sum(l.qty) as qty from order_line l join orders o on o.id = l.order_id where o.status in (${holding}) group by l.menu_id`,
    );
    const soldByMenu = new Map(sold.map((s) => [s.menu_id, Number(s.qty)]));
    const stockNow = await db.sql<{ id: string; stock: number }>('select id, stock from menu where stock is not null');
    let stockMismatches = 0;
    for (const menu of stockNow) {
      const initial = initialStock.get(menu.id);
      if (initial !== undefined && Number(menu.stock) + (soldByMenu.get(menu.id) ?? 0) !== initial) stockMismatches += 1;
    }
    return { ordersInDb: rows.length, acked: this.acks.size, lost, doubled, withoutAck, neverAcked, paymentMismatches, stockMismatches };
  }
}

export interface LedgerVerdict {
  ordersInDb: number;
  acked: number;
  /** Acked orders missing from the database. Must be 0. */
  lost: number;
  /** A key that made more than one order, or whose acks named different orders. Must be 0. */
  doubled: number;
  /** Orders in the database that no guest was ever told about. Must be 0 once every guest retried to an ack. */
  withoutAck: number;
  /** Keys sent whose guest never got an ack (gave up at the bench's deadline). */
  neverAcked: number;
  /** Paid acks whose order is not paid, declines whose order is not still unpaid (or expired). */
  paymentMismatches: number;
  /** Counted menus where stock + held quantity ≠ the stock before the run. */
  stockMismatches: number;
}

export async function readCountedStock(db: BenchDatabase): Promise<Map<string, number>> {
  const rows = await db.sql<{ id: string; stock: number }>('select id, stock from menu where stock is not null');
  return new Map(rows.map((r) => [r.id, Number(r.stock)]));
}
