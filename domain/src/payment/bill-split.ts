import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { LIMITS } from '../shared/limits';
import { WonSchema } from '../shared/money';

/**
 * Splitting one order's bill between the guests' phones (issue 18). Each guest pays a *share*: one of N equal
 * parts, some chosen lines, or what is left. The server is the only authority: it computes every amount from the
 * order (the phone's `amount` is only what it authorised, checked against ours) and reserves it against the total
 * before charging, so the sum of charges never exceeds the total.
 */

/** The most equal parts a bill can be split into. */
export const MAX_SPLIT_PARTS = 20;

export const ShareSpecSchema = z.discriminatedUnion('kind', [
  /** Part `index` (0-based) of the order's total cut into `parts` equal parts (the first ones carry the odd won). */
  z.strictObject({ kind: z.literal('equal'), parts: z.number().int().min(2).max(MAX_SPLIT_PARTS), index: z.number().int().min(0) }),
  /** These lines of the order, each paid once. */
  z.strictObject({ kind: z.literal('lines'), lineIds: z.array(IdSchema).min(1).max(LIMITS.maxLinesPerOrder) }),
  /** Whatever is not yet paid or being paid. */
  z.strictObject({ kind: z.literal('rest') }),
]);
export type ShareSpec = z.infer<typeof ShareSpecSchema>;

/**
 * `POST /api/orders/:orderId/shares`: a guest pays a share. `shareId` is made by the phone (a uuid, like an
 * idempotency key): it is also the share's order id at the provider (Toss needs one per payment), so the phone
 * authorises `amount` for it first; resending the same `shareId` replays the first answer.
 */
export const SharePaySchema = z.strictObject({
  shareId: IdSchema,
  spec: ShareSpecSchema,
  amount: WonSchema,
  paymentKey: z.string().min(1).max(200),
});
export type SharePay = z.infer<typeof SharePaySchema>;

/** `confirming`/`unknown`: being charged (reserved); `done`: charged; `declined`: not charged; `refunding`/`refunded`: compensation. */
export const ShareStatusSchema = z.enum(['confirming', 'unknown', 'done', 'declined', 'refunding', 'refunded']);
export type ShareStatus = z.infer<typeof ShareStatusSchema>;

export const ShareDtoSchema = z.object({
  id: IdSchema,
  amount: WonSchema,
  status: ShareStatusSchema,
  /** What it pays: `part:<parts>:<index>`, `line:<lineId>`, or nothing for a share of the rest. */
  claims: z.array(z.string()),
  /** Paid from the phone (or tablet) asking. */
  mine: z.boolean(),
  /** A share taken by staff at the counter (the rest). */
  counter: z.boolean(),
});
export type ShareDto = z.infer<typeof ShareDtoSchema>;

/** `GET /api/orders/:orderId/split` and `order.split_changed`: where the split of an order stands. */
export const BillSplitDtoSchema = z.object({
  orderId: IdSchema,
  total: WonSchema,
  /** Charged and settled. */
  paid: WonSchema,
  /** Reserved by shares being charged right now. */
  inFlight: WonSchema,
  /** What a new share may still take: total − paid − in flight. */
  remaining: WonSchema,
  shares: z.array(ShareDtoSchema),
});
export type BillSplitDto = z.infer<typeof BillSplitDtoSchema>;

/** `POST /api/visit/join-code`: the tablet's QR for its current visit. */
export const VisitJoinCodeDtoSchema = z.object({ visitId: IdSchema, code: z.string(), url: z.string() });
export type VisitJoinCodeDto = z.infer<typeof VisitJoinCodeDtoSchema>;

/** `POST /api/visits/join`: a phone scanned the tablet's QR. */
export const VisitJoinSchema = z.strictObject({
  code: z
    .string()
    .min(16)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export type VisitJoin = z.infer<typeof VisitJoinSchema>;

/** Won of part `index` of `total` cut into `parts`: the first `total mod parts` parts carry one won more. */
export function equalPartAmount(total: number, parts: number, index: number): number {
  const base = Math.floor(total / parts);
  return base + (index < total - base * parts ? 1 : 0);
}

export type ShareViolation =
  { code: 'VALIDATION_FAILED'; message: string } | { code: 'SHARE_EXCEEDS_REMAINING'; message: string; remaining: number };

/**
 * The amount and claims of a share of an order, from the order alone (what the phone shows before paying and what
 * the server charges), or why it can't be taken. `remaining` is what is not yet paid or reserved.
 */
export function shareOf(
  order: { total: number; lines: readonly { id: string; lineTotal: number }[] },
  spec: ShareSpec,
  remaining: number,
): { ok: true; amount: number; claims: string[] } | { ok: false; violation: ShareViolation } {
  let amount: number;
  let claims: string[];
  switch (spec.kind) {
    case 'equal':
      if (spec.index >= spec.parts) return { ok: false, violation: { code: 'VALIDATION_FAILED', message: 'index must be below parts' } };
      amount = equalPartAmount(order.total, spec.parts, spec.index);
      claims = [`part:${spec.parts}:${spec.index}`];
      break;
    case 'lines': {
      const ids = [...new Set(spec.lineIds)];
      const byId = new Map(order.lines.map((l) => [l.id, l.lineTotal]));
      if (ids.length !== spec.lineIds.length || ids.some((id) => !byId.has(id)))
        return { ok: false, violation: { code: 'VALIDATION_FAILED', message: 'each line once, and only lines of this order' } };
      amount = ids.reduce((sum, id) => sum + (byId.get(id) ?? 0), 0);
      claims = ids.map((id) => `line:${id}`);
      break;
    }
    case 'rest':
      amount = remaining;
      claims = [];
      break;
  }
  if (amount <= 0 || amount > remaining)
    return {
      ok: false,
      violation: {
        code: 'SHARE_EXCEEDS_REMAINING',
        message: `This share (${amount}) is more than what is left to pay (${remaining}).`,
        remaining,
      },
    };
  return { ok: true, amount, claims };
}
