import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { sqlOf } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { recordEvent } from '../outbox/record-event';
import { lockTable } from './order.repository';
import { Visit } from './visit.entity';

/**
 * Staff clear a table: its open visit ends and the tablet starts afresh (the next guests never see the last
 * guests' orders). Unpaid orders of the visit stay until they expire; their stock comes back then.
 * Idempotent when the table has no open visit. Throws `NOT_FOUND`.
 */
export async function closeVisit(ctx: { em: EntityManager; actor: Actor; now: Date }, tableId: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    // Same lock as placement: a placement racing the close lands in the old visit or the new one, never lost.
    const tableLabel = await lockTable(sqlOf(em), ctx.actor.storeId, tableId);
    if (tableLabel === null) throw new DomainError('NOT_FOUND', 'No such table in this store.');
    const visit = await em.findOne(Visit, { table: tableId, closedAt: null });
    if (!visit) return;
    visit.closedAt = ctx.now;
    recordEvent(em, {
      type: 'visit.closed',
      storeId: ctx.actor.storeId,
      aggregateId: visit.id,
      payload: { visitId: visit.id, tableId, tableLabel },
      now: ctx.now,
    });
  });
}
