import { EntitySchema, type Ref } from '@mikro-orm/core';
import type { DeviceRole } from '@hiorder/domain/identity/identity.schemas';
import { Visit } from '../ordering/visit.entity';
import { DiningTable } from './dining-table.entity';
import { Store } from './store.entity';

/**
 * A paired tablet (role `table`, bound to a table) or kitchen display, or a guest's phone joined to a table's
 * visit by its QR (`visit` set: its token opens that visit only, and dies when the visit closes). Its token is
 * stored hashed.
 */
export class Device {
  id!: string;
  store!: Ref<Store>;
  table!: Ref<DiningTable> | null;
  visit!: Ref<Visit> | null;
  role!: DeviceRole;
  name!: string;
  tokenHash!: string;
  createdAt!: Date;
  lastSeenAt!: Date | null;
  revokedAt!: Date | null;
}

export const DeviceSchema = new EntitySchema<Device>({
  class: Device,
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    table: { kind: 'm:1', entity: () => DiningTable, ref: true, nullable: true },
    visit: { kind: 'm:1', entity: () => Visit, ref: true, nullable: true },
    role: { type: 'string', length: 10 },
    name: { type: 'string', length: 40 },
    tokenHash: { type: 'string', length: 64, unique: true },
    createdAt: { type: 'datetime' },
    lastSeenAt: { type: 'datetime', nullable: true },
    revokedAt: { type: 'datetime', nullable: true },
  },
});
