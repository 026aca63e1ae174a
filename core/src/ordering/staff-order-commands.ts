import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { canTransition } from '@hiorder/domain/ordering/order-lifecycle';
import { DomainError } from '@hiorder/domain/shared/errors';
import { sqlTransaction } from '../db/direct-sql';
import { bumpOrder } from './bump-order';
import { changeOrderStatus } from './change-order-status';
import { presentOrder } from './order.presenter';
import { readOrder } from './order.repository';
import type { CommandContext } from '../command-context';

/**
 * Staff accept a paid order (the kitchen starts on it). Idempotent: accepting an accepted order answers it
 * unchanged. Throws `NOT_FOUND` (other store too), `INVALID_STATE` (also for a served order: recalling one is the
 * kitchen's `bumpOrder` with `ready: false`).
 */
export function acceptOrder(ctx: CommandContext, orderId: string): Promise<OrderDto> {
  return moveOrder(ctx, orderId, 'accepted');
}

/**
 * Staff or the kitchen mark an order served: every line ready (`bumpOrder` of the whole order). Idempotent.
 * Throws `NOT_FOUND`, `INVALID_STATE`.
 */
export function serveOrder(ctx: CommandContext, orderId: string): Promise<OrderDto> {
  return bumpOrder(ctx, orderId, { ready: true });
}

async function moveOrder(ctx: CommandContext, orderId: string, to: 'accepted'): Promise<OrderDto> {
  return sqlTransaction(ctx.em, async (sql) => {
    const stored = await readOrder(sql, { id: orderId, storeId: ctx.actor.storeId });
    if (!stored) throw new DomainError('NOT_FOUND', 'No such order in this store.');
    const { order } = stored;
    if (order.status === to) return presentOrder(order, stored.lines);
    // served → accepted is a recall, which takes lines back (bumpOrder with `ready: false`), not an accept.
    if (order.status === 'served' || !canTransition(order.status, to)) {
      throw new DomainError('INVALID_STATE', `An order that is ${order.status.replace('_', ' ')} can't be ${to}.`, {
        status: order.status,
      });
    }
    const changed = await changeOrderStatus(sql, orderId, { to }, ctx.now);
    if (!changed) throw new DomainError('INVALID_STATE', 'The order changed meanwhile: reload it.');
    return presentOrder(changed.order, changed.lines);
  });
}
