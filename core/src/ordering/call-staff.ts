import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { StaffCall } from '@hiorder/domain/ordering/ordering.schemas';
import type { EntityManager } from '../db/orm';
import { DiningTable } from '../identity/dining-table.entity';
import { recordEvent } from '../outbox/record-event';

/**
 * A guest calls staff (water, cutlery, a person). Goes through the outbox like any event, so a board that was
 * offline still sees the call when it catches up.
 */
export async function callStaff(
  ctx: { em: EntityManager; actor: Extract<Actor, { role: 'table' }>; now: Date },
  input: StaffCall,
): Promise<{ called: true }> {
  await ctx.em.transactional(async (em) => {
    const table = await em.findOneOrFail(DiningTable, { id: ctx.actor.tableId, store: ctx.actor.storeId });
    recordEvent(em, {
      type: 'table.staff_called',
      storeId: ctx.actor.storeId,
      aggregateId: table.id,
      payload: { tableId: table.id, tableLabel: table.label, kind: input.kind },
      now: ctx.now,
    });
  });
  return { called: true };
}
