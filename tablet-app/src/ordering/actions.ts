import { cartLineKey, type ChosenOption, type OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import { newId } from '@hiorder/domain/shared/ids';
import { isSameOrNewerOrder } from '@hiorder/domain/ordering/order-progress';
import type { OrderDto, OrderPlace } from '@hiorder/domain/ordering/ordering.schemas';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { db, readOrderNote, type OutboxRow } from '../db/db';

/**
 * The ordering context's one write path. Placing moves the cart into the outbox in one transaction: the
 * order exists on the tablet (with its idempotency key, the row id) before anything goes on the wire, and a
 * crash in between loses nothing. `src/sync/outbox.ts` sends it.
 */
export async function submitCart(now: number = Date.now()): Promise<OutboxRow | null> {
  return db.transaction('rw', [db.cart, db.menus, db.outbox, db.kv], async () => {
    const cart = await db.cart.orderBy('addedAt').toArray();
    if (cart.length === 0) return null;
    const lines: OrderPlace['lines'] = [];
    for (const line of cart) {
      const menu = await db.menus.get(line.menuId);
      // The price shown is informational (the server prices from its catalog): the menu's plus the options'.
      const unitPrice = menu ? menu.price + line.chosen.reduce((s, o) => s + o.priceDelta, 0) : undefined;
      lines.push({
        menuId: line.menuId,
        qty: line.qty,
        ...(unitPrice === undefined ? {} : { unitPrice }),
        options: line.options,
        note: line.note,
      });
    }
    // The order's request goes with it (the schema's limit; an empty one is not sent), and leaves with the cart.
    const note = (await readOrderNote()).trim().slice(0, LIMITS.maxNoteLength);
    const row = newOutboxRow({ lines, ...(note ? { note } : {}) }, now);
    await db.outbox.add(row);
    await db.cart.clear();
    await db.kv.delete('orderNote');
    return row;
  });
}

/** After a declined card: the same lines as a new order (the failed one gave its stock back). */
export async function placeAgain(order: Pick<OrderDto, 'lines'>, now: number = Date.now()): Promise<OutboxRow> {
  const row = newOutboxRow(
    {
      lines: order.lines.map((l) => ({
        menuId: l.menuId,
        qty: l.qty,
        unitPrice: l.unitPrice,
        options: l.options.map((o) => o.optionId),
        note: l.note,
      })),
    },
    now,
  );
  await db.outbox.add(row);
  return row;
}

/**
 * Puts the lines of a refused or failed order back into the cart, so the guest can fix and resend it: an order's
 * lines with their option snapshot, or an outbox row's lines with option ids (named again from the catalog held).
 */
export async function backToCart(
  lines: readonly { menuId: string; qty: number; note?: string; options?: readonly (string | ChosenOption)[] }[],
  outboxId?: string,
  now: number = Date.now(),
): Promise<void> {
  await db.transaction('rw', [db.cart, db.outbox, db.optionGroups], async () => {
    const groups = await db.optionGroups.toArray();
    for (const [i, l] of lines.entries()) {
      const chosen = (l.options ?? []).flatMap((o) => (typeof o === 'string' ? snapshotOf(o, groups) : [o]));
      const options = (l.options ?? []).map((o) => (typeof o === 'string' ? o : o.optionId));
      const note = l.note ?? '';
      const key = cartLineKey(l.menuId, options, note);
      const existing = await db.cart.get(key);
      await db.cart.put({
        key,
        menuId: l.menuId,
        qty: (existing?.qty ?? 0) + l.qty,
        options,
        chosen,
        note,
        addedAt: existing?.addedAt ?? now + i,
      });
    }
    if (outboxId) await db.outbox.delete(outboxId);
  });
}

function snapshotOf(optionId: string, groups: readonly OptionGroupDto[]): ChosenOption[] {
  for (const g of groups) {
    const o = g.options.find((x) => x.id === optionId);
    if (o) return [{ groupId: g.id, groupName: g.name, optionId, name: o.name, priceDelta: o.priceDelta }];
  }
  return [];
}

function newOutboxRow(input: Omit<OrderPlace, 'idempotencyKey'>, now: number): OutboxRow {
  const id = newId();
  return {
    id,
    input: { ...input, idempotencyKey: id },
    state: 'queued',
    attempts: 0,
    createdAt: now,
    nextAttemptAt: now,
    lastError: null,
    orderId: null,
  };
}

let placements = 0;

/** Grows with every acknowledged placement: a visit list fetched across one is stale (see `replaceVisitOrders`). */
export function placementCount(): number {
  return placements;
}

/** The server acknowledged a placement: the outbox row and the visit's history change together. */
export async function recordPlacedOrder(row: OutboxRow, order: OrderDto): Promise<void> {
  placements += 1;
  await db.transaction('rw', db.outbox, db.orders, async () => {
    await db.outbox.put(row);
    await upsertOrderInTx(order);
  });
}

/** A pushed or fetched order state; an older state never overwrites a newer one. */
export async function upsertOrder(order: OrderDto): Promise<void> {
  await db.transaction('rw', db.orders, async () => upsertOrderInTx(order));
}

async function upsertOrderInTx(order: OrderDto): Promise<void> {
  const current = await db.orders.get(order.id);
  if (current && !isSameOrNewerOrder(order, current)) return;
  // A new visit started on the server (the table was closed while we were away): the old history goes.
  const other = await db.orders.where('visitId').notEqual(order.visitId).primaryKeys();
  if (other.length > 0) await db.orders.bulkDelete(other);
  await db.orders.put(order);
}

/** `orders:list`: the server's view of this table's current visit replaces ours. */
export async function replaceVisitOrders(orders: readonly OrderDto[]): Promise<void> {
  await db.transaction('rw', db.orders, db.outbox, async () => {
    await db.orders.clear();
    await db.orders.bulkPut([...orders]);
    await forgetSettledOutbox(new Set(orders.map((o) => o.id)));
  });
}

/** `visit:closed`: the next guests never see the last guests' orders. Waiting placements are kept. */
export async function clearVisit(): Promise<void> {
  await db.transaction('rw', db.orders, db.outbox, async () => {
    await db.orders.clear();
    await forgetSettledOutbox(new Set());
  });
}

async function forgetSettledOutbox(keep: ReadonlySet<string>): Promise<void> {
  const placed = await db.outbox.where('state').anyOf('placed', 'rejected').toArray();
  const gone = placed.filter((r) => !(r.orderId && keep.has(r.orderId))).map((r) => r.id);
  if (gone.length > 0) await db.outbox.bulkDelete(gone);
}

export async function dismissOutboxRow(id: string): Promise<void> {
  await db.outbox.delete(id);
}
