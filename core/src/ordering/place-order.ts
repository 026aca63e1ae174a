import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import {
  describeViolation,
  evaluateOrder,
  violationGroupId,
  visitForRules,
  type MenuForRules,
  type RuleViolation,
} from '@hiorder/domain/ordering/order-rules';
import type { OrderDto, OrderPlace } from '@hiorder/domain/ordering/ordering.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { catalogVersion } from '../catalog/catalog.repository';
import { optionGroupsForPlacement } from '../catalog/option-group.repository';
import { isUniqueViolation, sqlOf, sqlTransaction, type SqlSession } from '../db/direct-sql';
import { appendEvent } from '../outbox/record-event';
import { presentOrder } from './order.presenter';
import { requestFingerprint } from './request-fingerprint';
import {
  insertOrder,
  insertVisit,
  lockTable,
  menusForPlacement,
  openVisitId,
  orderIdByKey,
  readOrder,
  takeStock,
  visitHoldings,
  type MenuForPlacement,
  type StockLevel,
} from './order.repository';
import type { CommandContext, TableActor } from '../command-context';

export interface PlaceOrderCtx extends CommandContext<TableActor> {
  reservationTtlMs: number;
}

export interface PlacedOrder {
  order: OrderDto;
  /** True when the idempotency key had already placed this order: the first result is returned again. */
  replayed: boolean;
}

/**
 * Places a tablet's order: the five rules of DESIGN.md in one transaction — the table's lock, the idempotency
 * key, the rules on fresh catalog and visit data (options included: each line's choices are checked against its
 * menu's groups and priced from the catalog), the conditional stock decrement, the price and option snapshot, the
 * order in `pending_payment`, and its `order.placed` event. The ack is sent only after this commits (I5).
 *
 * Throws `NOT_FOUND` (table gone), `MENU_UNAVAILABLE`, `OUT_OF_STOCK`, `SIDE_WITHOUT_MAIN`, `LIMIT_PER_VISIT`,
 * `OPTION_REQUIRED`, `OPTION_TOO_MANY`, `OPTION_UNAVAILABLE` (with `details.violations`, all of them),
 * `IDEMPOTENCY_KEY_REUSED` (the key already placed another cart).
 */
export async function placeOrder(ctx: PlaceOrderCtx, input: OrderPlace): Promise<PlacedOrder> {
  try {
    // On the driver's prepared statements, not the ORM: this is the hot path (see db/direct-sql.ts).
    return await sqlTransaction(ctx.em, (sql) => placeInTransaction(sql, ctx, input));
  } catch (err) {
    // Two placements with one key that both passed the lookup (only possible across a table lock on another
    // connection): the unique index let exactly one in. Answer with that one.
    if (isUniqueViolation(err)) {
      const first = await replayOf(sqlOf(ctx.em), ctx.actor.deviceId, input);
      if (first) return { order: first, replayed: true };
    }
    throw err;
  }
}

/** The order this key placed, to answer again, or `IDEMPOTENCY_KEY_REUSED` when it was placed with another cart. */
async function replayOf(sql: SqlSession, deviceId: string, input: OrderPlace): Promise<OrderDto | null> {
  const first = await orderIdByKey(sql, deviceId, input.idempotencyKey);
  if (!first) return null;
  // Orders placed before fingerprints were stored (null) replay as they always did.
  if (first.requestHash !== null && first.requestHash !== requestFingerprint(input)) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotency key was already used for a different order: make a new key for a new cart.',
      { orderId: first.id },
    );
  }
  const stored = await readOrder(sql, { id: first.id });
  return stored ? presentOrder(stored.order, stored.lines) : null;
}

async function placeInTransaction(sql: SqlSession, ctx: PlaceOrderCtx, input: OrderPlace): Promise<PlacedOrder> {
  const { actor, now } = ctx;
  const tableLabel = await lockTable(sql, actor.storeId, actor.tableId);
  if (tableLabel === null) {
    throw new DomainError('NOT_FOUND', 'This tablet’s table no longer exists: pair it again.');
  }
  const existing = await replayOf(sql, actor.deviceId, input);
  if (existing) return { order: existing, replayed: true };

  const menuIds = [...new Set(input.lines.map((l) => l.menuId))];
  // Plain rows, not entities: read-only here (stock moves by conditional SQL only), and the hot path skips the
  // ORM's hydration and change tracking.
  const menus = await menusForPlacement(sql, actor.storeId, menuIds);
  const menuById = new Map(menus.map((m) => [m.id, m]));
  const groupIds = [...new Set(menus.flatMap((m) => m.optionGroupIds))];
  const anyOptionChosen = input.lines.some((l) => l.options.length > 0);
  const groups = await optionGroupsForPlacement(sql, actor.storeId, groupIds, anyOptionChosen);
  const rulesView = new Map<string, MenuForRules>(
    menus.map((m) => [m.id, { ...m, optionGroups: m.optionGroupIds.flatMap((id) => groups.get(id) ?? []) }]),
  );

  const openVisit = await openVisitId(sql, actor.tableId);
  // One aggregate row per (status, menu) instead of every order of the visit: a long visit stays cheap.
  const held = openVisit ? await visitHoldings(sql, openVisit) : [];
  const verdict = evaluateOrder(input.lines, rulesView, visitForRules(held.map((h) => ({ status: h.status, lines: [h] }))));
  if (!verdict.ok) throw violationError(verdict.violations, menuById, groups);

  const visitId = openVisit ?? newId();
  if (!openVisit) await insertVisit(sql, { id: visitId, storeId: actor.storeId, tableId: actor.tableId, openedAt: now });
  const order = {
    id: newId(),
    store: { id: actor.storeId },
    table: { id: actor.tableId },
    visit: { id: visitId },
    tableLabel,
    deviceId: actor.deviceId,
    idempotencyKey: input.idempotencyKey,
    requestHash: requestFingerprint(input),
    status: 'pending_payment' as const,
    paymentState: 'none' as const,
    total: verdict.total,
    note: input.note ?? '',
    createdAt: now,
    expiresAt: new Date(now.getTime() + ctx.reservationTtlMs),
    paidAt: null,
    paymentMethod: null,
    acceptedAt: null,
    servedAt: null,
    cancelledAt: null,
    cancelReason: null,
    refundedAmount: 0,
    refunds: [],
    revision: 0,
    updatedAt: now,
  };
  const lines = verdict.lines.map((priced, position) => {
    const menu = menuById.get(priced.menuId) as MenuForPlacement;
    return {
      id: newId(),
      position,
      menuId: menu.id,
      categoryId: menu.categoryId,
      nameKo: menu.nameKo,
      nameEn: menu.nameEn,
      course: menu.course,
      qty: priced.qty,
      unitPrice: priced.unitPrice,
      lineTotal: priced.lineTotal,
      options: priced.options,
      note: input.lines[position]?.note ?? '',
      station: menu.station,
      readyAt: null,
      refundedQty: 0,
    };
  });
  await insertOrder(sql, order, lines);
  const dto = presentOrder(order, lines);
  await appendEvent(sql, { type: 'order.placed', storeId: actor.storeId, aggregateId: order.id, payload: { order: dto }, now });

  // The stock goes last: a decrement locks its menu row until the commit (PostgreSQL), and every order of a
  // popular dish waits on that row, so the fewer statements after it, the more orders per second. Sorted by id:
  // concurrent orders lock menu rows in one order, so they can't deadlock. A refusal rolls everything back.
  const counted = Object.keys(verdict.qtyByMenu)
    .sort()
    .filter((menuId) => (menuById.get(menuId) as MenuForPlacement).stock !== null);
  if (counted.length === 0) return { order: dto, replayed: false };
  const version = await catalogVersion(sql, actor.storeId);
  const levels: StockLevel[] = [];
  for (const menuId of counted) {
    const qty = verdict.qtyByMenu[menuId] as number;
    const level = await takeStock(sql, menuId, qty);
    if (!level) {
      const left = await sql.all<{ stock: number }>('select stock from menu where id = ?', [menuId]);
      throw violationError([{ code: 'OUT_OF_STOCK', menuId, requested: qty, available: Number(left[0]?.stock ?? 0) }], menuById);
    }
    levels.push(level);
  }
  await appendEvent(sql, {
    type: 'stock.changed',
    storeId: actor.storeId,
    aggregateId: actor.storeId,
    payload: { version, menus: levels },
    now,
  });
  return { order: dto, replayed: false };
}

/**
 * One error for all the violations: the code of the first, every violation in `details`, a message per menu
 * (naming the option group for option violations).
 */
function violationError(
  violations: RuleViolation[],
  menus: ReadonlyMap<string, MenuForPlacement>,
  groups: ReadonlyMap<string, OptionGroupDto> = new Map(),
): DomainError {
  const first = violations[0] as RuleViolation;
  const messages = violations.map((v) => {
    const menu = menus.get(v.menuId);
    const groupId = violationGroupId(v);
    const group = groupId ? groups.get(groupId) : undefined;
    return describeViolation(v, menu ? menu.nameEn || menu.nameKo : 'This menu', 'en', group ? group.name.en || group.name.ko : '');
  });
  return new DomainError(first.code, messages.join(' '), { violations });
}
