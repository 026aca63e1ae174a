import { PROVIDER_PAYMENT_METHOD, paymentMethodOf } from '../history/history.schemas';
import { isPaid } from './order-lifecycle';
import type { OrderDto, PaymentMethod } from './ordering.schemas';

/** One line of a bill: the same dish at the same unit price across the visit's orders. */
export interface BillLine {
  name: { ko: string; en: string };
  qty: number;
  unitPrice: number;
  amount: number;
}

/**
 * A table's bill (계산서) for its visit, derived from the visit's orders — the same function on the board and the
 * tablet, offline included. Orders that failed or expired never count; a refunded order counts as charged and
 * refunded, and so do the partial refunds of a paid order (their lines leave the bill's lines). `leftToPay` is what unpaid orders still owe; `total` is what the table owes in the end.
 */
export interface Bill {
  lines: BillLine[];
  /** Charged per payment method, each order under its own (refunded orders included: they were charged). */
  payments: { method: PaymentMethod; amount: number }[];
  charged: number;
  refunded: number;
  leftToPay: number;
  total: number;
  /** The short codes of the orders it counts (paid, owed, refunded), oldest first as given. */
  shortCodes: string[];
}

export function billOf(orders: readonly OrderDto[]): Bill {
  const refundedOrders = orders.filter((o) => o.status === 'cancelled' && o.paidAt !== null);
  const paidOrders = orders.filter((o) => isPaid(o.status));
  const unpaid = orders.filter((o) => o.status === 'pending_payment');
  const lines = new Map<string, BillLine>();
  for (const order of [...paidOrders, ...unpaid]) {
    for (const line of order.lines) {
      // What staff refunded in part is off the bill (it shows under `refunded`).
      const kept = line.qty - line.refundedQty;
      if (kept === 0) continue;
      const key = `${line.name.ko}|${line.name.en}|${line.unitPrice}`;
      const known = lines.get(key);
      if (known) {
        known.qty += kept;
        known.amount += kept * line.unitPrice;
      } else lines.set(key, { name: line.name, qty: kept, unitPrice: line.unitPrice, amount: kept * line.unitPrice });
    }
  }
  const payments = new Map<PaymentMethod, number>();
  for (const order of [...paidOrders, ...refundedOrders]) {
    const method = paymentMethodOf(order) ?? PROVIDER_PAYMENT_METHOD;
    payments.set(method, (payments.get(method) ?? 0) + order.total);
  }
  const sum = (list: readonly OrderDto[]) => list.reduce((n, o) => n + o.total, 0);
  const charged = sum(paidOrders) + sum(refundedOrders);
  const refunded = sum(refundedOrders) + paidOrders.reduce((n, o) => n + o.refunded, 0);
  const leftToPay = sum(unpaid);
  return {
    lines: [...lines.values()],
    payments: [...payments.entries()].map(([method, amount]) => ({ method, amount })),
    charged,
    refunded,
    leftToPay,
    total: charged - refunded + leftToPay,
    shortCodes: orders.filter((o) => paidOrders.includes(o) || unpaid.includes(o) || refundedOrders.includes(o)).map((o) => o.shortCode),
  };
}
