import type { MikroORM } from '@mikro-orm/core';
import { sqlOf, sqlTransaction } from '../db/direct-sql';
import { forkEm } from '../db/orm';
import { changeOrderStatus } from './change-order-status';
import { expiredOrderIds } from './order.repository';

/**
 * Expires unpaid orders past their reservation TTL and gives their stock back, one transaction per order.
 * Orders whose payment is in flight or unknown are left to reconciliation: never release the stock of an order
 * that may have been charged. Safe to run twice at once: the guarded transition lets one win per order.
 * Returns how many orders this run expired.
 */
export async function expireOrders(orm: MikroORM, now: Date, limit = 200): Promise<number> {
  const ids = await expiredOrderIds(sqlOf(forkEm(orm)), now, limit);
  let expired = 0;
  for (const id of ids) {
    const changed = await sqlTransaction(forkEm(orm), (sql) => changeOrderStatus(sql, id, { to: 'expired' }, now));
    if (changed) expired += 1;
  }
  return expired;
}
