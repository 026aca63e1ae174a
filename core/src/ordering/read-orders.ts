import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { BoardSnapshotDto, OrderDto, OrderListQuery, VisitDto } from '@hiorder/domain/ordering/ordering.schemas';
import { isKitchenVisible, isPaid, PAID_STATUSES } from '@hiorder/domain/ordering/order-lifecycle';
import { DomainError } from '@hiorder/domain/shared/errors';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '../db/orm';
import { DiningTable } from '../identity/dining-table.entity';
import { Order } from './order.entity';
import { presentOrder } from './order.presenter';
import { recentEventsOfType } from '../outbox/outbox.repository';
import { Visit } from './visit.entity';
import { sqlOf } from '../db/direct-sql';
import { acknowledgedAmong } from './acknowledge-alarms';

/**
 * What an actor may read of orders (I7): a tablet sees its table's open visit only; staff and kitchens see
 * their store, and a kitchen only what was paid (I2: an order waiting for payment is not "to cook" and never
 * reaches a kitchen, by push, catch-up or read). The scope comes from the actor, never from the request.
 */
export async function listOrders(em: EntityManager, actor: Actor, query: OrderListQuery | null): Promise<OrderDto[]> {
  if (actor.role === 'table') {
    const visit = await em.findOne(Visit, { table: actor.tableId, store: actor.storeId, closedAt: null });
    if (!visit) return [];
    const orders = await em.find(Order, { visit: visit.id }, { populate: ['lines'], orderBy: { createdAt: 'asc', id: 'asc' } });
    return orders.map((o) => presentOrder(o));
  }
  const where: FilterQuery<Order> = { store: actor.storeId };
  if (actor.role === 'kitchen') where.$or = KITCHEN_VISIBLE;
  if (query?.status) where.status = { $in: query.status };
  if (query?.tableId) where.table = query.tableId;
  if (query?.since) where.createdAt = { $gte: new Date(query.since) };
  const orders = await em.find(Order, where, {
    populate: ['lines'],
    orderBy: { createdAt: 'desc', id: 'desc' },
    limit: query?.limit ?? 200,
  });
  return orders.map((o) => presentOrder(o));
}

/** The kitchen's filter in SQL, the same rule as `isKitchenVisible` (paid, or cancelled after it was paid). */
const KITCHEN_VISIBLE: FilterQuery<Order>[] = [{ status: { $in: [...PAID_STATUSES] } }, { status: 'cancelled', paidAt: { $ne: null } }];

/**
 * One order, if the actor may see it; `NOT_FOUND` otherwise (not FORBIDDEN: ids of others are not confirmed,
 * and a kitchen is not told that an unpaid order exists).
 */
export async function getOrder(em: EntityManager, actor: Actor, orderId: string): Promise<OrderDto> {
  const order = await em.findOne(Order, { id: orderId, store: actor.storeId }, { populate: ['lines', 'visit'] });
  if (!order || !mayRead(actor, order)) throw new DomainError('NOT_FOUND', 'No such order.');
  return presentOrder(order);
}

function mayRead(actor: Actor, order: Order): boolean {
  switch (actor.role) {
    case 'table':
      return order.table.id === actor.tableId && order.visit.getEntity().closedAt === null;
    case 'kitchen':
      return isKitchenVisible(order.status, order.paidAt?.toISOString() ?? null);
    case 'staff':
    case 'admin':
      return true;
  }
}

/** The store's open visits with their orders and paid total, for the board's table view. */
export async function listOpenVisits(em: EntityManager, actor: Actor): Promise<VisitDto[]> {
  const visits = await em.find(Visit, { store: actor.storeId, closedAt: null }, { orderBy: { openedAt: 'asc' } });
  if (visits.length === 0) return [];
  const [orders, tables] = await Promise.all([
    em.find(Order, { visit: { $in: visits.map((v) => v.id) } }, { populate: ['lines'], orderBy: { createdAt: 'asc' } }),
    em.find(DiningTable, { id: { $in: visits.map((v) => v.table.id) } }),
  ]);
  return visits.map((visit) => {
    const mine = orders.filter((o) => o.visit.id === visit.id).map((o) => presentOrder(o));
    return {
      id: visit.id,
      tableId: visit.table.id,
      tableLabel: tables.find((t) => t.id === visit.table.id)?.label ?? '',
      openedAt: visit.openedAt.toISOString(),
      closedAt: null,
      orders: mine,
      total: mine.filter((o) => isPaid(o.status)).reduce((sum, o) => sum + o.total, 0),
    };
  });
}

/**
 * What a board needs to start without replaying the store's whole history: the store's last seq (read first),
 * today's orders and every order of an open visit. Events after `lastSeq` then bring it up to date; an order
 * already newer than some of them only moves forward, so applying them again is harmless.
 */
export async function readBoardSnapshot(em: EntityManager, actor: Actor, since: Date, now: Date): Promise<BoardSnapshotDto> {
  const rows = await em.execute<{ last_event_seq: number }[]>('select last_event_seq from store where id = ?', [actor.storeId]);
  const lastSeq = Number(rows[0]?.last_event_seq ?? 0);
  const visits = await listOpenVisits(em, actor);
  const openVisitIds = new Set(visits.map((v) => v.id));
  const today = await em.find(
    Order,
    { store: actor.storeId, createdAt: { $gte: since } },
    { populate: ['lines'], orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const orders = [...visits.flatMap((v) => v.orders), ...today.filter((o) => !openVisitIds.has(o.visit.id)).map((o) => presentOrder(o))];
  // A kitchen sees only what is (or was) paid: never an order waiting for payment (I2), nor the tables' visits.
  const sql = sqlOf(em);
  // Paid orders nobody has taken up ring until acknowledged; the snapshot says which already were.
  const waiting = orders.filter((o) => o.status === 'paid').map((o) => o.id);
  const acknowledgedOrderIds = [...(await acknowledgedAmong(sql, 'order', waiting))];
  if (actor.role === 'kitchen')
    return {
      lastSeq,
      orders: orders.filter((o) => isKitchenVisible(o.status, o.paidAt)),
      visits: [],
      recentStaffCalls: [],
      acknowledgedOrderIds,
    };
  const calls = (
    await recentEventsOfType(sql, actor.storeId, 'table.staff_called', new Date(now.getTime() - STAFF_CALL_WINDOW_MS), lastSeq)
  ).filter((e) => e.type === 'table.staff_called');
  const answered = await acknowledgedAmong(
    sql,
    'staff_call',
    calls.map((c) => c.id),
  );
  return { lastSeq, orders, visits, recentStaffCalls: calls.filter((c) => !answered.has(c.id)), acknowledgedOrderIds };
}

/** How far back a board opened now still shows a guest's call. */
const STAFF_CALL_WINDOW_MS = 10 * 60 * 1000;
