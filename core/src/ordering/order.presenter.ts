import type { OrderDto, OrderLineDto } from '@hiorder/domain/ordering/ordering.schemas';
import { shortCode } from '@hiorder/domain/shared/ids';
import type { OrderLine } from './order-line.entity';
import type { Order } from './order.entity';

/** The fields of an order line the presenter reads (an entity, or the plain row placement writes). */
export type OrderLineRecord = Pick<
  OrderLine,
  | 'id'
  | 'position'
  | 'menuId'
  | 'categoryId'
  | 'nameKo'
  | 'nameEn'
  | 'course'
  | 'qty'
  | 'unitPrice'
  | 'lineTotal'
  | 'options'
  | 'note'
  | 'station'
  | 'readyAt'
  | 'refundedQty'
>;

/** The fields of an order the presenter reads: an entity, or the plain row placement writes. */
export type OrderRecord = Pick<
  Order,
  | 'id'
  | 'tableLabel'
  | 'status'
  | 'paymentState'
  | 'total'
  | 'note'
  | 'createdAt'
  | 'expiresAt'
  | 'paidAt'
  | 'paymentMethod'
  | 'acceptedAt'
  | 'servedAt'
  | 'cancelledAt'
  | 'cancelReason'
  | 'refundedAmount'
  | 'refunds'
  | 'revision'
> & { store: { id: string }; table: { id: string }; visit: { id: string } };

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentOrderLine(line: OrderLineRecord): OrderLineDto {
  return {
    id: line.id,
    menuId: line.menuId,
    categoryId: line.categoryId,
    name: { ko: line.nameKo, en: line.nameEn },
    course: line.course,
    qty: line.qty,
    unitPrice: line.unitPrice,
    lineTotal: line.lineTotal,
    options: line.options.map((o) => ({ ...o })),
    note: line.note,
    station: line.station,
    readyAt: iso(line.readyAt),
    refundedQty: line.refundedQty,
  };
}

/** The one shape of an order on the wire: REST answers, socket pushes and domain events. */
export function presentOrder(order: Order): OrderDto;
export function presentOrder(order: OrderRecord, lines: readonly OrderLineRecord[]): OrderDto;
export function presentOrder(
  order: OrderRecord & { lines?: { getItems(): OrderLineRecord[] } },
  lines: readonly OrderLineRecord[] = order.lines?.getItems() ?? [],
): OrderDto {
  return {
    id: order.id,
    shortCode: shortCode(order.id),
    storeId: order.store.id,
    tableId: order.table.id,
    tableLabel: order.tableLabel,
    visitId: order.visit.id,
    status: order.status,
    payment: order.paymentState,
    lines: [...lines].sort((a, b) => a.position - b.position).map(presentOrderLine),
    total: order.total,
    note: order.note,
    createdAt: order.createdAt.toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    paidAt: iso(order.paidAt),
    paymentMethod: order.paymentMethod,
    acceptedAt: iso(order.acceptedAt),
    servedAt: iso(order.servedAt),
    cancelledAt: iso(order.cancelledAt),
    cancelReason: order.cancelReason,
    refunded: order.refundedAmount,
    refunds: order.refunds.map((r) => ({ ...r, lines: r.lines.map((l) => ({ ...l })) })),
    revision: order.revision,
  };
}
