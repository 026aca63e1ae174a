import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { WonSchema } from '../shared/money';
import { OrderStatusSchema } from './ordering.schemas';

/**
 * `POST /api/tables/:tableId/close-visit`. Without `force`, a visit with an order still cooking or unpaid is not
 * closed: the answer is `VISIT_NOT_SETTLED` with `VisitNotSettledDetails`, and staff confirm with `force: true`.
 */
export const VisitCloseSchema = z.strictObject({ force: z.boolean().optional() });
export type VisitClose = z.infer<typeof VisitCloseSchema>;

/** One order that keeps a visit from closing quietly. */
export const UnsettledOrderSchema = z.object({
  orderId: IdSchema,
  shortCode: z.string(),
  status: OrderStatusSchema,
  total: WonSchema,
});
export type UnsettledOrder = z.infer<typeof UnsettledOrderSchema>;

/** `details` of `VISIT_NOT_SETTLED`: what remains, so the confirmation can say it. */
export const VisitNotSettledDetailsSchema = z.object({
  /** Paid (or accepted) and not served yet. */
  cooking: z.array(UnsettledOrderSchema),
  /** Placed and not paid yet (their stock comes back when they expire). */
  unpaid: z.array(UnsettledOrderSchema),
});
export type VisitNotSettledDetails = z.infer<typeof VisitNotSettledDetailsSchema>;

/** Why a visit ended: staff cleared the table, the idle rule closed it, or it was merged into another visit. */
export const VisitCloseReasonSchema = z.enum(['staff', 'idle', 'merged']);
export type VisitCloseReason = z.infer<typeof VisitCloseReasonSchema>;

/** Bounds of the idle rule: shorter than 5 minutes would close tables of guests still reading the menu. */
export const IDLE_CLOSE_MINUTES = { min: 5, max: 24 * 60 } as const;

/**
 * The store's visit settings (`GET`/`PUT /api/store/visit-settings`): `idleCloseMinutes` closes a visit by
 * itself after that many minutes without activity once every order is served or closed; null turns it off.
 */
export const VisitSettingsSchema = z.strictObject({
  idleCloseMinutes: z.number().int().min(IDLE_CLOSE_MINUTES.min).max(IDLE_CLOSE_MINUTES.max).nullable(),
});
export type VisitSettings = z.infer<typeof VisitSettingsSchema>;

/** `POST /api/tables/:tableId/move-visit`: the table's open visit moves to a free table of the same store. */
export const VisitMoveSchema = z.strictObject({ toTableId: IdSchema });
export type VisitMove = z.infer<typeof VisitMoveSchema>;

/**
 * `POST /api/tables/:tableId/merge-visit`: the table's open visit joins the open visit of `intoTableId` (합석): its
 * orders move there and it closes. One bill; the per-visit limits then count both parties' orders.
 */
export const VisitMergeSchema = z.strictObject({ intoTableId: IdSchema });
export type VisitMerge = z.infer<typeof VisitMergeSchema>;

/** `POST /api/orders/:orderId/move`: one order moves to another table's open visit (opened if the table is free). */
export const OrderMoveSchema = z.strictObject({ toTableId: IdSchema });
export type OrderMove = z.infer<typeof OrderMoveSchema>;

/** The answer of a move or merge: where the visit is now. */
export const VisitPlaceDtoSchema = z.object({ visitId: IdSchema, tableId: IdSchema, tableLabel: z.string(), orderIds: z.array(IdSchema) });
export type VisitPlaceDto = z.infer<typeof VisitPlaceDtoSchema>;
