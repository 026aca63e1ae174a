import type { StaffCall } from '@hiorder/domain/ordering/staff-call.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { DiningTable } from '../identity/dining-table.entity';
import { Store } from '../identity/store.entity';
import { presetsOf } from './staff-call-presets';
import { recordEvent } from '../outbox/record-event';
import type { CommandContext, TableActor } from '../command-context';

/**
 * A guest calls staff: a person, the checkout, or one of the store's presets (물, 앞접시 …; the event keeps the
 * preset's name as it was, so renaming it later doesn't change a call on the board). Goes through the outbox like
 * any event, so a board that was offline still sees the call when it catches up; it rings on the boards until
 * someone acknowledges it (`acknowledgeAlarms`). Throws `NOT_FOUND` (a preset the store no longer offers).
 */
export async function callStaff(ctx: CommandContext<TableActor>, input: StaffCall): Promise<{ called: true }> {
  await ctx.em.transactional(async (em) => {
    const table = await em.findOneOrFail(DiningTable, { id: ctx.actor.tableId, store: ctx.actor.storeId });
    let label: { ko: string; en: string } | undefined;
    if (input.kind === 'request') {
      const store = await em.findOneOrFail(Store, { id: ctx.actor.storeId }, { fields: ['staffCallPresets'] });
      const preset = presetsOf(store).find((p) => p.id === input.presetId);
      if (!preset) throw new DomainError('NOT_FOUND', 'This request is no longer offered: the tablet will show the current ones.');
      label = preset.name;
    }
    recordEvent(em, {
      type: 'table.staff_called',
      storeId: ctx.actor.storeId,
      aggregateId: table.id,
      payload: { tableId: table.id, tableLabel: table.label, kind: input.kind, ...(label ? { label } : {}) },
      now: ctx.now,
    });
  });
  return { called: true };
}
