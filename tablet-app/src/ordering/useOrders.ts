import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { useLiveQuery } from 'dexie-react-hooks';
import { db, type OutboxRow } from '../db/db';

export interface VisitView {
  orders: OrderDto[];
  outbox: OutboxRow[];
}

/** This table's current visit: acknowledged orders and what still waits in the outbox. */
export function useVisit(): VisitView | undefined {
  return useLiveQuery(async () => {
    const [orders, outbox] = await Promise.all([
      db.orders.orderBy('createdAt').reverse().toArray(),
      db.outbox.orderBy('createdAt').toArray(),
    ]);
    return { orders, outbox };
  });
}
