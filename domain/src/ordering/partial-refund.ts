import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { LIMITS } from '../shared/limits';
import { IdempotencyKeySchema } from './ordering.schemas';

/**
 * Partial cancel and refund of a paid order by staff: some lines, or some of a line's quantity. The amount is
 * always derived here from the order's price snapshot (`unitPrice` includes the chosen options' deltas), never
 * taken from the request. Stock comes back only when staff say so (`restock`): an uncooked dish yes, a wasted one no.
 */

/** One line (or part of its quantity) to refund. */
export const RefundLineInputSchema = z.strictObject({
  lineId: IdSchema,
  qty: z.number().int().min(1).max(LIMITS.maxQtyPerLine),
});
export type RefundLineInput = z.infer<typeof RefundLineInputSchema>;

/**
 * `POST /api/orders/:orderId/refund`. `idempotencyKey` is made by the staff's dialog when it opens: a retry of
 * the same refund (a lost answer) sends it again and is never refunded twice. `reason` is required (the guest sees
 * it). Each line at most once.
 */
export const OrderRefundSchema = z
  .strictObject({
    idempotencyKey: IdempotencyKeySchema,
    lines: z.array(RefundLineInputSchema).min(1).max(LIMITS.maxLinesPerOrder),
    reason: z.string().trim().min(1).max(LIMITS.maxNoteLength),
    restock: z.boolean(),
  })
  .refine((r) => new Set(r.lines.map((l) => l.lineId)).size === r.lines.length, { message: 'name each line once', path: ['lines'] });
export type OrderRefund = z.infer<typeof OrderRefundSchema>;

/** What the rule needs of a line: its price snapshot and how much of it is already refunded. */
export interface RefundableLine {
  id: string;
  qty: number;
  unitPrice: number;
  refundedQty: number;
}

export type RefundViolation =
  | { code: 'REFUND_LINE_UNKNOWN'; lineId: string }
  | { code: 'REFUND_QTY_EXCEEDS'; lineId: string; left: number }
  | { code: 'REFUND_WHOLE_ORDER' };

export type RefundPlan =
  { ok: true; amount: number; lines: { lineId: string; qty: number; amount: number }[] } | { ok: false; violation: RefundViolation };

/** How much of a line can still be refunded. */
export const refundableQty = (line: RefundableLine): number => line.qty - line.refundedQty;

/**
 * The refund of `request` against the order's lines: each line's amount is `unitPrice × qty` (options included),
 * the refund's amount their sum. Refused: a line not of this order (`REFUND_LINE_UNKNOWN`), more than what is left
 * of a line (`REFUND_QTY_EXCEEDS`, with `left`), or everything that is left (`REFUND_WHOLE_ORDER`: that is a
 * cancel of the whole order, which closes it).
 */
export function planRefund(lines: readonly RefundableLine[], request: readonly RefundLineInput[]): RefundPlan {
  const planned: { lineId: string; qty: number; amount: number }[] = [];
  for (const wanted of request) {
    const line = lines.find((l) => l.id === wanted.lineId);
    if (!line) return { ok: false, violation: { code: 'REFUND_LINE_UNKNOWN', lineId: wanted.lineId } };
    const left = refundableQty(line);
    if (wanted.qty > left) return { ok: false, violation: { code: 'REFUND_QTY_EXCEEDS', lineId: line.id, left } };
    planned.push({ lineId: line.id, qty: wanted.qty, amount: line.unitPrice * wanted.qty });
  }
  const takenAll = lines.every((l) => refundableQty(l) === (planned.find((p) => p.lineId === l.id)?.qty ?? 0));
  if (takenAll) return { ok: false, violation: { code: 'REFUND_WHOLE_ORDER' } };
  return { ok: true, amount: planned.reduce((sum, p) => sum + p.amount, 0), lines: planned };
}

/** What is still owed on an order after its partial refunds (what a cancel of the whole order refunds). */
export function amountLeft(order: { total: number; refunded: number }): number {
  return order.total - order.refunded;
}
