import { EntitySchema } from '@mikro-orm/core';

/**
 * Who may relay the outbox right now. With several server instances exactly one holds the lease at a time,
 * so each store's events get their seq and are published once, in order; a holder that dies loses the lease
 * when it expires.
 */
export class RelayLease {
  name!: string;
  holder!: string;
  expiresAt!: Date;
}

export const RelayLeaseSchema = new EntitySchema<RelayLease>({
  class: RelayLease,
  tableName: 'relay_lease',
  properties: {
    name: { type: 'string', length: 40, primary: true },
    holder: { type: 'string', length: 80 },
    expiresAt: { type: 'datetime' },
  },
});
