import { isToCook } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderStatus } from '@hiorder/domain/ordering/ordering.schemas';
import type { VisitClose, VisitCloseReason, VisitNotSettledDetails } from '@hiorder/domain/ordering/visit.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { shortCode } from '@hiorder/domain/shared/ids';
import { sqlTransaction, type SqlSession } from '../db/direct-sql';
import { appendEvent } from '../outbox/record-event';
import { closeVisitRow, lockTable, openVisitId } from './order.repository';
import { visitOrderStates } from './visit.repository';
import type { CommandContext } from '../command-context';

/**
 * Staff clear a table: its open visit ends and the tablet starts afresh (the next guests never see the last
 * guests' orders). An order still cooking (paid, accepted) or unpaid keeps the visit open unless `force` is
 * set: the answer `VISIT_NOT_SETTLED` lists them (`VisitNotSettledDetails`) so staff can confirm knowingly.
 * Unpaid orders of a forced close stay until they expire; their stock comes back then. Idempotent when the
 * table has no open visit. Throws `NOT_FOUND`, `VISIT_NOT_SETTLED`.
 */
export async function closeVisit(ctx: CommandContext, tableId: string, input: VisitClose = {}): Promise<void> {
  await sqlTransaction(ctx.em, async (sql) => {
    // Same lock as placement: a placement racing the close lands in the old visit or the new one, never lost.
    const tableLabel = await lockTable(sql, ctx.actor.storeId, tableId);
    if (tableLabel === null) throw new DomainError('NOT_FOUND', 'No such table in this store.');
    const visitId = await openVisitId(sql, tableId);
    if (!visitId) return;
    if (!input.force) {
      const remaining = unsettledOrders(await visitOrderStates(sql, visitId));
      if (remaining.cooking.length + remaining.unpaid.length > 0) {
        throw new DomainError('VISIT_NOT_SETTLED', describeUnsettled(tableLabel, remaining), remaining);
      }
    }
    await endVisit(sql, { storeId: ctx.actor.storeId, visitId, tableId, tableLabel, reason: 'staff', now: ctx.now });
  });
}

/** What keeps a visit from closing quietly: orders still cooking and orders not paid yet. */
export function unsettledOrders(orders: readonly { id: string; status: OrderStatus; total: number }[]): VisitNotSettledDetails {
  const entry = (o: { id: string; status: OrderStatus; total: number }) => ({
    orderId: o.id,
    shortCode: shortCode(o.id),
    status: o.status,
    total: o.total,
  });
  return {
    cooking: orders.filter((o) => isToCook(o.status)).map(entry),
    unpaid: orders.filter((o) => o.status === 'pending_payment').map(entry),
  };
}

function describeUnsettled(tableLabel: string, remaining: VisitNotSettledDetails): string {
  const parts = [
    remaining.cooking.length > 0 ? `${remaining.cooking.length} order(s) still cooking` : null,
    remaining.unpaid.length > 0 ? `${remaining.unpaid.length} order(s) not paid` : null,
  ].filter((p) => p !== null);
  return `Table ${tableLabel} has ${parts.join(' and ')}: confirm to close it anyway.`;
}

/** Ends a visit and records `visit.closed` (under the table's lock, in the caller's transaction). */
export async function endVisit(
  sql: SqlSession,
  input: { storeId: string; visitId: string; tableId: string; tableLabel: string; reason: VisitCloseReason; now: Date },
): Promise<void> {
  await closeVisitRow(sql, input.visitId, input.now);
  await appendEvent(sql, {
    type: 'visit.closed',
    storeId: input.storeId,
    aggregateId: input.visitId,
    payload: { visitId: input.visitId, tableId: input.tableId, tableLabel: input.tableLabel, reason: input.reason },
    now: input.now,
  });
}
