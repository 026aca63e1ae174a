import { EntitySchema, type Ref } from '@mikro-orm/core';
import type { DeviceRole } from '@hiorder/domain/identity/identity.schemas';
import { DiningTable } from './dining-table.entity';
import { Store } from './store.entity';

/** A one-time code an admin makes to pair a device; used once, valid for a short time. */
export class PairingCode {
  id!: string;
  store!: Ref<Store>;
  code!: string;
  role!: DeviceRole;
  table!: Ref<DiningTable> | null;
  name!: string;
  expiresAt!: Date;
  usedAt!: Date | null;
  createdAt!: Date;
}

export const PairingCodeSchema = new EntitySchema<PairingCode>({
  class: PairingCode,
  tableName: 'pairing_code',
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    code: { type: 'string', length: 8, unique: true },
    role: { type: 'string', length: 10 },
    table: { kind: 'm:1', entity: () => DiningTable, ref: true, nullable: true },
    name: { type: 'string', length: 40, default: '' },
    expiresAt: { type: 'datetime' },
    usedAt: { type: 'datetime', nullable: true },
    createdAt: { type: 'datetime' },
  },
});
