import type { DomainEvent, DomainEventMap, DomainEventOf, DomainEventType } from '@hiorder/domain/events/domain-events';
import type { OrderDto, OrderStatus } from '@hiorder/domain/ordering/ordering.schemas';

let counter = 0;
const uuid = (n: number): string => `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export const STORE_ID = uuid(999_999);
export const TABLE_ID = uuid(888_888);
export const VISIT_ID = uuid(777_777);

/** A revision that grows along the usual path, so a later status is a newer version unless a test says otherwise. */
const REVISION_OF: Record<OrderStatus, number> = {
  pending_payment: 0,
  paid: 1,
  payment_failed: 1,
  expired: 1,
  accepted: 2,
  served: 3,
  cancelled: 4,
};

/** An order as the server presents it; timestamps follow the status unless overridden. */
export function buildOrder(overrides: Partial<OrderDto> = {}): OrderDto {
  counter += 1;
  const id = overrides.id ?? uuid(counter);
  const status: OrderStatus = overrides.status ?? 'paid';
  const at = '2025-05-01T03:00:00.000Z';
  const paid = ['paid', 'accepted', 'served', 'cancelled'].includes(status);
  return {
    id,
    shortCode: id.slice(-4).toUpperCase(),
    storeId: STORE_ID,
    tableId: TABLE_ID,
    tableLabel: 'T1',
    visitId: VISIT_ID,
    status,
    payment: paid ? 'done' : 'none',
    lines: [
      {
        id: uuid(400_000 + counter),
        menuId: uuid(500),
        categoryId: uuid(600),
        name: { ko: '김치찌개', en: 'Kimchi stew' },
        course: 'main',
        qty: 2,
        unitPrice: 9000,
        lineTotal: 18000,
        options: [],
        note: '',
        station: 'kitchen',
        readyAt: status === 'served' ? at : null,
        refundedQty: 0,
      },
    ],
    total: 18000,
    note: '',
    createdAt: at,
    expiresAt: '2025-05-01T03:10:00.000Z',
    paidAt: paid ? at : null,
    paymentMethod: paid ? 'easy_pay' : null,
    acceptedAt: status === 'accepted' || status === 'served' ? at : null,
    servedAt: status === 'served' ? at : null,
    cancelledAt: status === 'cancelled' ? at : null,
    cancelReason: status === 'cancelled' ? 'out of stock' : null,
    refunded: 0,
    refunds: [],
    revision: REVISION_OF[status],
    ...overrides,
  };
}

export function buildEvent<K extends DomainEventType>(
  type: K,
  seq: number,
  payload: DomainEventMap[K],
  occurredAt = '2025-05-01T03:00:00.000Z',
): DomainEvent {
  const event: DomainEventOf<K> = { id: uuid(100_000 + seq), type, storeId: STORE_ID, aggregateId: uuid(seq), seq, occurredAt, payload };
  return event as DomainEvent;
}

/** The event the server writes when an order reaches `status`. */
export function orderEvent(seq: number, order: OrderDto): DomainEvent {
  switch (order.status) {
    case 'pending_payment':
      return buildEvent('order.placed', seq, { order });
    case 'paid':
      return buildEvent('order.paid', seq, { order });
    case 'accepted':
      return buildEvent('order.accepted', seq, { order });
    case 'served':
      return buildEvent('order.served', seq, { order });
    case 'cancelled':
      return buildEvent('order.cancelled', seq, { order, reason: order.cancelReason ?? '', refunded: true });
    case 'payment_failed':
      return buildEvent('order.payment_failed', seq, { order, code: 'REJECT_CARD_PAYMENT' });
    case 'expired':
      return buildEvent('order.expired', seq, { order });
  }
}
