import { EntitySchema, type Ref } from '@mikro-orm/core';
import { DiningTable } from '../identity/dining-table.entity';
import { Store } from '../identity/store.entity';

/** A table's occupancy, from its first order until staff close the table. Tablets see the open visit only. */
export class Visit {
  id!: string;
  store!: Ref<Store>;
  table!: Ref<DiningTable>;
  openedAt!: Date;
  closedAt!: Date | null;
}

export const VisitSchema = new EntitySchema<Visit>({
  class: Visit,
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    table: { kind: 'm:1', entity: () => DiningTable, ref: true },
    openedAt: { type: 'datetime' },
    closedAt: { type: 'datetime', nullable: true },
  },
  indexes: [{ properties: ['table', 'closedAt'] }],
});
