import { EntitySchema, OptionalProps, type Ref } from '@mikro-orm/core';
import type { Course, Station } from '@hiorder/domain/catalog/catalog.schemas';
import type { ChosenOption } from '@hiorder/domain/catalog/menu-options';
import { Order } from './order.entity';

/**
 * A line of an order with the snapshot of the menu at placement: name, course, price and the chosen options with
 * their names and deltas (rule 4), and the guest's request for it.
 */
export class OrderLine {
  [OptionalProps]?: 'options' | 'note' | 'refundedQty';
  id!: string;
  order!: Ref<Order>;
  position!: number;
  menuId!: string;
  categoryId!: string;
  nameKo!: string;
  nameEn!: string;
  course!: Course;
  qty!: number;
  unitPrice!: number;
  lineTotal!: number;
  options!: ChosenOption[];
  note!: string;
  /** The category's station when the line was ordered: a later move of the category doesn't move open tickets. */
  station!: Station;
  /** When its station finished it; null while it is being made. */
  readyAt!: Date | null;
  /** How much of `qty` staff refunded (partial refunds). */
  refundedQty!: number;
}

export const OrderLineSchema = new EntitySchema<OrderLine>({
  class: OrderLine,
  tableName: 'order_line',
  properties: {
    id: { type: 'uuid', primary: true },
    order: { kind: 'm:1', entity: () => Order, ref: true },
    position: { type: 'integer' },
    menuId: { type: 'uuid', index: true },
    categoryId: { type: 'uuid' },
    nameKo: { type: 'string', length: 80 },
    nameEn: { type: 'string', length: 80 },
    course: { type: 'string', length: 10 },
    qty: { type: 'integer' },
    unitPrice: { type: 'integer' },
    lineTotal: { type: 'integer' },
    options: { type: 'json', default: '[]', onCreate: () => [] },
    note: { type: 'string', length: 200, default: '', onCreate: () => '' },
    station: { type: 'string', length: 10, default: 'kitchen' },
    readyAt: { type: 'datetime', nullable: true },
    refundedQty: { type: 'integer', default: 0, onCreate: () => 0 },
  },
});
