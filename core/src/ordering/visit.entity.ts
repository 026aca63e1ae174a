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
  /** The code in the tablet's QR that joins phones to this visit (made on first ask; useless once the visit closes). */
  joinCode!: string | null;
}

export const VisitSchema = new EntitySchema<Visit>({
  class: Visit,
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    table: { kind: 'm:1', entity: () => DiningTable, ref: true },
    openedAt: { type: 'datetime' },
    closedAt: { type: 'datetime', nullable: true },
    joinCode: { type: 'string', length: 64, nullable: true, unique: true },
  },
  indexes: [{ properties: ['table', 'closedAt'] }],
});
