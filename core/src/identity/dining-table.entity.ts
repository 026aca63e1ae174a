import { EntitySchema, type Ref } from '@mikro-orm/core';
import { Store } from './store.entity';

/**
 * A table of the restaurant. `lockVersion` is bumped at the start of every placement for the table: the row
 * lock it takes serialises a table's placements, so the per-visit limit and the visit's creation are race-free
 * on PostgreSQL as they are on SQLite.
 */
export class DiningTable {
  id!: string;
  store!: Ref<Store>;
  label!: string;
  position!: number;
  lockVersion!: number;
  createdAt!: Date;
}

export const DiningTableSchema = new EntitySchema<DiningTable>({
  class: DiningTable,
  tableName: 'dining_table',
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    label: { type: 'string', length: 40 },
    position: { type: 'integer', default: 0 },
    lockVersion: { type: 'integer', default: 0 },
    createdAt: { type: 'datetime' },
  },
});
