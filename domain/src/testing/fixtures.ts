import type { OrderDto, OrderLineDto } from '../ordering/ordering.schemas';

/** Fixed ids for the domain's own tests (valid uuid v7, so the schemas accept them). */
export const ID = {
  store: '01900000-0000-7000-8000-000000000001',
  table: '01900000-0000-7000-8000-000000000002',
  visit: '01900000-0000-7000-8000-000000000003',
  order: '01900000-0000-7000-8000-000000000004',
  menu: '01900000-0000-7000-8000-000000000005',
  category: '01900000-0000-7000-8000-000000000006',
  line: '01900000-0000-7000-8000-000000000007',
  other: '01900000-0000-7000-8000-000000000008',
  option: '01900000-0000-7000-8000-000000000009',
  group: '01900000-0000-7000-8000-00000000000a',
} as const;

/** An order line as the server presents it: every field set, so a schema that drops one is caught. */
export function lineDto(over: Partial<OrderLineDto> = {}): OrderLineDto {
  return {
    id: ID.line,
    menuId: ID.menu,
    categoryId: ID.category,
    name: { ko: '불고기', en: 'Bulgogi' },
    course: 'main',
    qty: 2,
    unitPrice: 15000,
    lineTotal: 30000,
    options: [
      { groupId: ID.group, groupName: { ko: '맵기', en: 'Spice' }, optionId: ID.option, name: { ko: '순한맛', en: 'Mild' }, priceDelta: 0 },
    ],
    note: '덜 맵게',
    station: 'kitchen',
    readyAt: null,
    refundedQty: 0,
    ...over,
  };
}

/** An order as the server presents it (paid, one line). */
export function orderDto(over: Partial<OrderDto> = {}): OrderDto {
  return {
    id: ID.order,
    shortCode: '0004',
    storeId: ID.store,
    tableId: ID.table,
    tableLabel: 'T1',
    visitId: ID.visit,
    status: 'paid',
    payment: 'done',
    lines: [lineDto()],
    total: 30000,
    note: '',
    createdAt: '2026-11-29T10:00:00.000Z',
    expiresAt: '2026-11-29T10:10:00.000Z',
    paidAt: '2026-11-29T10:01:00.000Z',
    acceptedAt: null,
    servedAt: null,
    cancelledAt: null,
    cancelReason: null,
    paymentMethod: 'easy_pay',
    refunded: 0,
    refunds: [],
    revision: 1,
    ...over,
  };
}
