import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { sqlTransaction } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { appendEvent } from '../outbox/record-event';
import { closeVisitRow, lockTable, openVisitId } from './order.repository';

/**
 * Staff clear a table: its open visit ends and the tablet starts afresh (the next guests never see the last
 * guests' orders). Unpaid orders of the visit stay until they expire; their stock comes back then.
 * Idempotent when the table has no open visit. Throws `NOT_FOUND`.
 */
export async function closeVisit(ctx: { em: EntityManager; actor: Actor; now: Date }, tableId: string): Promise<void> {
  await sqlTransaction(ctx.em, async (sql) => {
    // Same lock as placement: a placement racing the close lands in the old visit or the new one, never lost.
    const tableLabel = await lockTable(sql, ctx.actor.storeId, tableId);
    if (tableLabel === null) throw new DomainError('NOT_FOUND', 'No such table in this store.');
    const visitId = await openVisitId(sql, tableId);
    if (!visitId) return;
    await closeVisitRow(sql, visitId, ctx.now);
    await appendEvent(sql, {
      type: 'visit.closed',
      storeId: ctx.actor.storeId,
      aggregateId: visitId,
      payload: { visitId, tableId, tableLabel },
      now: ctx.now,
    });
  });
}
