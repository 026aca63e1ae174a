import type { AlarmAcknowledge, AlarmAcknowledgedDto } from '@hiorder/domain/ordering/alarm.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { sqlTransaction, type SqlSession } from '../db/direct-sql';
import { appendEvent } from '../outbox/record-event';
import type { AlarmTargetKind } from './alarm-acknowledgement.entity';
import type { CommandContext } from '../command-context';

/**
 * Someone on a board or a kitchen display stops the ringing: of paid orders nobody had taken up yet, and of guests'
 * staff calls (named by their `table.staff_called` event id). In one transaction each target is marked
 * acknowledged once (a second screen acknowledging the same alarm changes nothing) and `alarm.acknowledged`
 * names the ones acknowledged now, so every other screen of the store stops ringing for them too. Answers every
 * named id. Throws `NOT_FOUND` for an order that is not this store's or was never paid (so a kitchen learns
 * nothing of unpaid orders, I2), or a staff call that is not one of this store's.
 */
export async function acknowledgeAlarms(ctx: CommandContext, input: AlarmAcknowledge): Promise<AlarmAcknowledgedDto> {
  const storeId = ctx.actor.storeId;
  const orderIds = [...new Set(input.orderIds)];
  const staffCallIds = [...new Set(input.staffCallIds)];
  return sqlTransaction(ctx.em, async (sql) => {
    if ((await countKnown(sql, storeId, 'order', orderIds)) !== orderIds.length)
      throw new DomainError('NOT_FOUND', 'No such paid order in this store.');
    if ((await countKnown(sql, storeId, 'staff_call', staffCallIds)) !== staffCallIds.length)
      throw new DomainError('NOT_FOUND', 'No such staff call in this store.');
    const fresh = {
      orderIds: await markAcknowledged(sql, storeId, 'order', orderIds, ctx.now),
      staffCallIds: await markAcknowledged(sql, storeId, 'staff_call', staffCallIds, ctx.now),
    };
    if (fresh.orderIds.length + fresh.staffCallIds.length > 0) {
      await appendEvent(sql, {
        type: 'alarm.acknowledged',
        storeId,
        aggregateId: storeId,
        payload: { ...fresh, byRole: ctx.actor.role },
        now: ctx.now,
      });
    }
    return { orderIds, staffCallIds };
  });
}

/** How many of `ids` are this store's paid (or later) orders, or its staff calls. */
async function countKnown(sql: SqlSession, storeId: string, kind: AlarmTargetKind, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const marks = ids.map(() => '?').join(', ');
  const rows =
    kind === 'order'
      ? await sql.all<{ n: number }>(`select count(*) as n from orders where store_id = ? and paid_at is not null and id in (${marks})`, [
          storeId,
          ...ids,
        ])
      : await sql.all<{ n: number }>(
          `select count(*) as n from outbox_event where store_id = ? and type = 'table.staff_called' and id in (${marks})`,
          [storeId, ...ids],
        );
  return Number(rows[0]?.n ?? 0);
}

/** Inserts the acknowledgements that don't exist yet; returns the ids acknowledged for the first time. */
async function markAcknowledged(
  sql: SqlSession,
  storeId: string,
  kind: AlarmTargetKind,
  ids: readonly string[],
  now: Date,
): Promise<string[]> {
  const fresh: string[] = [];
  for (const id of ids) {
    const changed = await sql.run(
      `insert into alarm_acknowledgement (id, store_id, target_kind, target_id, acknowledged_at) values (?, ?, ?, ?, ?)
       on conflict (target_kind, target_id) do nothing`,
      [newId(), storeId, kind, id, now],
    );
    if (changed > 0) fresh.push(id);
  }
  return fresh;
}

/** Which of `ids` were acknowledged (board snapshot: they don't ring on a screen opened now). */
export async function acknowledgedAmong(sql: SqlSession, kind: AlarmTargetKind, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await sql.all<{ target_id: string }>(
      `select target_id from alarm_acknowledgement where target_kind = ? and target_id in (${chunk.map(() => '?').join(', ')})`,
      [kind, ...chunk],
    );
    for (const r of rows) found.add(r.target_id);
  }
  return found;
}
