import type { MikroORM } from '@mikro-orm/core';
import { sqlOf, sqlTransaction } from '../db/direct-sql';
import { forkEm } from '../db/orm';
import { endVisit, unsettledOrders } from './close-visit';
import { lockTable, openVisitId } from './order.repository';
import { idleVisitCandidates, visitOrderStates } from './visit.repository';

/**
 * The idle rule (a store setting, `visitIdleCloseMinutes`): a visit whose orders are all served or closed
 * (none cooking, none unpaid) and that saw no change for that many minutes ends by itself, as if staff had
 * cleared the table — guests who left without anyone pressing "clear table" no longer hand their history and
 * their once-per-visit menus to the next guests. One transaction per visit, under the table's lock, and every
 * condition checked again there: an order placed meanwhile keeps the visit open. Safe to run twice at once.
 * Returns how many visits this run closed.
 */
export async function closeIdleVisits(orm: MikroORM, now: Date, limit = 200): Promise<number> {
  const candidates = await idleVisitCandidates(sqlOf(forkEm(orm)), limit);
  let closed = 0;
  for (const candidate of candidates) {
    if (candidate.lastActivityAt.getTime() + candidate.idleMinutes * 60_000 > now.getTime()) continue;
    const done = await sqlTransaction(forkEm(orm), async (sql) => {
      const tableLabel = await lockTable(sql, candidate.storeId, candidate.tableId);
      if (tableLabel === null || (await openVisitId(sql, candidate.tableId)) !== candidate.visitId) return false;
      const orders = await visitOrderStates(sql, candidate.visitId);
      const remaining = unsettledOrders(orders);
      if (remaining.cooking.length + remaining.unpaid.length > 0) return false;
      const last = Math.max(candidate.openedAt.getTime(), ...orders.map((o) => o.updatedAt.getTime()));
      if (last + candidate.idleMinutes * 60_000 > now.getTime()) return false;
      await endVisit(sql, {
        storeId: candidate.storeId,
        visitId: candidate.visitId,
        tableId: candidate.tableId,
        tableLabel,
        reason: 'idle',
        now,
      });
      return true;
    });
    if (done) closed += 1;
  }
  return closed;
}
