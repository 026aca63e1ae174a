import type { OrderBump, OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { canTransition } from '@hiorder/domain/ordering/order-lifecycle';
import { DomainError } from '@hiorder/domain/shared/errors';
import { sqlTransaction, type SqlSession } from '../db/direct-sql';
import { appendEvent } from '../outbox/record-event';
import { changeOrderStatus } from './change-order-status';
import { presentOrder } from './order.presenter';
import { readOrder, setLinesReady, type StoredOrder } from './order.repository';
import type { CommandContext } from '../command-context';

/**
 * A kitchen finishes lines of an order, or takes them back (`ready: false`, a recall or the undo of a bump): a
 * station's open lines, the lines named, or the whole order. One transaction records `order.lines_bumped` with the
 * lines that changed, then the order's own move from `ORDER_TRANSITIONS`: served once its last line is ready,
 * accepted when a station starts on a paid order (implicitly) or when a served order gets a line back (recall).
 * Idempotent: lines already in the asked state change nothing. Throws `NOT_FOUND` (order of another store, or a
 * line not in it), `INVALID_STATE` (the order is not being made: unpaid, cancelled; or nothing to take back).
 */
export function bumpOrder(ctx: CommandContext, orderId: string, input: OrderBump): Promise<OrderDto> {
  return sqlTransaction(ctx.em, async (sql) => {
    const stored = await readOrder(sql, { id: orderId, storeId: ctx.actor.storeId });
    if (!stored) throw new DomainError('NOT_FOUND', 'No such order in this store.');
    const lineIds = namedLines(stored, input);
    const final = input.ready ? await finishLines(sql, stored, lineIds, ctx.now) : await reopenLines(sql, stored, lineIds, ctx.now);
    return presentOrder(final.order, final.lines);
  });
}

function namedLines({ lines }: StoredOrder, input: OrderBump): string[] {
  if (!input.lineIds) return lines.filter((l) => !input.station || l.station === input.station).map((l) => l.id);
  const known = new Set(lines.map((l) => l.id));
  const unknown = input.lineIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new DomainError('NOT_FOUND', 'No such line in this order.', { lineIds: unknown });
  return input.lineIds;
}

const refused = (status: string, what: string): DomainError =>
  new DomainError('INVALID_STATE', `An order that is ${status.replace('_', ' ')} can't be ${what}.`, { status });

async function finishLines(sql: SqlSession, stored: StoredOrder, lineIds: string[], now: Date): Promise<StoredOrder> {
  const { order } = stored;
  if (order.status === 'served') return stored;
  if (!canTransition(order.status, 'served')) throw refused(order.status, 'bumped');
  const changed = await setLinesReady(sql, order.id, lineIds, now, now);
  const after = await reread(sql, order.id);
  if (changed.length > 0) await recordBump(sql, after, changed, true, now);
  const allReady = after.lines.every((l) => l.readyAt !== null);
  if (allReady) return (await changeOrderStatus(sql, order.id, { to: 'served' }, now)) ?? raced();
  if (changed.length > 0 && order.status === 'paid') return (await changeOrderStatus(sql, order.id, { to: 'accepted' }, now)) ?? raced();
  return after;
}

async function reopenLines(sql: SqlSession, stored: StoredOrder, lineIds: string[], now: Date): Promise<StoredOrder> {
  const { order } = stored;
  // Lines can be taken back while the order is being made or once it is served (a recall), never after a cancel.
  if (order.status !== 'served' && !canTransition(order.status, 'served')) throw refused(order.status, 'recalled');
  const changed = await setLinesReady(sql, order.id, lineIds, null, now);
  if (changed.length === 0) return stored;
  const after = await reread(sql, order.id);
  await recordBump(sql, after, changed, false, now);
  if (order.status === 'served') return (await changeOrderStatus(sql, order.id, { to: 'accepted' }, now)) ?? raced();
  return after;
}

async function recordBump(sql: SqlSession, stored: StoredOrder, lineIds: string[], ready: boolean, now: Date): Promise<void> {
  const order = presentOrder(stored.order, stored.lines);
  await appendEvent(sql, {
    type: 'order.lines_bumped',
    storeId: order.storeId,
    aggregateId: order.id,
    payload: { order, lineIds, ready },
    now,
  });
}

async function reread(sql: SqlSession, orderId: string): Promise<StoredOrder> {
  return (await readOrder(sql, { id: orderId })) ?? raced();
}

function raced(): never {
  throw new DomainError('INVALID_STATE', 'The order changed meanwhile: reload it.');
}
