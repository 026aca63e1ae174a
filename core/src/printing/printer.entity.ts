import type { PrinterDuty } from '@hiorder/domain/printing/printing.schemas';
import { EntitySchema, type Ref } from '@mikro-orm/core';
import { Store } from '../identity/store.entity';

/**
 * A network thermal printer (ESC/POS over raw TCP) and what it prints: a station's tickets or the counter's
 * bills. `backupPrinterId` takes its jobs when it does not answer. The health columns are written by the print
 * dispatcher after every contact, so the settings page and the board show what the last try found.
 */
export class Printer {
  id!: string;
  store!: Ref<Store>;
  name!: string;
  host!: string;
  port!: number;
  duty!: PrinterDuty;
  backupPrinterId!: string | null;
  lastOkAt!: Date | null;
  lastErrorAt!: Date | null;
  lastError!: string | null;
  createdAt!: Date;
}

export const PrinterSchema = new EntitySchema<Printer>({
  class: Printer,
  tableName: 'printer',
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    name: { type: 'string', length: 40 },
    host: { type: 'string', length: 253 },
    port: { type: 'integer' },
    duty: { type: 'string', length: 20 },
    backupPrinterId: { type: 'uuid', nullable: true },
    lastOkAt: { type: 'datetime', nullable: true },
    lastErrorAt: { type: 'datetime', nullable: true },
    lastError: { type: 'string', length: 200, nullable: true },
    createdAt: { type: 'datetime' },
  },
  indexes: [{ properties: ['store', 'duty'] }],
});
