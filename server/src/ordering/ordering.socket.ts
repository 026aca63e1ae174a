import { forkEm } from '@hiorder/core/db';
import { callStaff, placeOrder, listOrders } from '@hiorder/core/ordering';
import { OrderPlaceSchema } from '@hiorder/domain/ordering/ordering.schemas';
import { StaffCallSchema } from '@hiorder/domain/ordering/staff-call.schemas';
import { OrdersListInputSchema } from '@hiorder/domain/realtime/realtime';
import type { AppDeps } from '../app-deps';
import { visitRoom } from '../realtime/rooms';
import { handleWithAck } from '../realtime/socket-ack';
import type { TableActor, TabletSocket } from '../realtime/socket-types';

/**
 * A tablet's ordering events: `order:place` (through admission control, acknowledged after the commit),
 * `orders:list` (its table's current visit) and `staff:call`. The same commands as `ordering.routes.ts`.
 */
export function registerOrderingHandlers(socket: TabletSocket, deps: AppDeps, actor: TableActor): void {
  socket.on(
    'order:place',
    handleWithAck(deps.logger, OrderPlaceSchema, async (input) => {
      const placed = await deps.admission.run(() =>
        placeOrder({ em: forkEm(deps.orm), actor, now: deps.now(), reservationTtlMs: deps.env.RESERVATION_TTL_MS }, input),
      );
      // Join the visit's room before the relay pushes the order's next states.
      await socket.join(visitRoom(placed.order.visitId));
      return placed.order;
    }),
  );
  socket.on(
    'orders:list',
    handleWithAck(deps.logger, OrdersListInputSchema, () => listOrders(forkEm(deps.orm), actor, null)),
  );
  socket.on(
    'staff:call',
    handleWithAck(deps.logger, StaffCallSchema, (input) => callStaff({ em: forkEm(deps.orm), actor, now: deps.now() }, input)),
  );
}
