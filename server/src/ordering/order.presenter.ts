import type { OrderDto, OrderLineDto } from '@hiorder/domain/ordering/ordering.schemas';
import { shortCode } from '@hiorder/domain/shared/ids';
import type { OrderLine } from './order-line.entity';
import type { Order } from './order.entity';

export function presentOrderLine(line: OrderLine): OrderLineDto {
  return {
    menuId: line.menuId,
    categoryId: line.categoryId,
    name: { ko: line.nameKo, en: line.nameEn },
    course: line.course,
    qty: line.qty,
    unitPrice: line.unitPrice,
    lineTotal: line.lineTotal,
  };
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The one shape of an order on the wire: REST answers, socket pushes and domain events. */
export function presentOrder(order: Order, lines: readonly OrderLine[] = order.lines.getItems()): OrderDto {
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
    acceptedAt: iso(order.acceptedAt),
    servedAt: iso(order.servedAt),
    cancelledAt: iso(order.cancelledAt),
    cancelReason: order.cancelReason,
  };
}
