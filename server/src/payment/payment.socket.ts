import { forkEm } from '@hiorder/core/db';
import { payOrder } from '@hiorder/core/payment';
import { OrderPaySchema } from '@hiorder/domain/payment/payment.schemas';
import type { AppDeps } from '../app-deps';
import { handleWithAck } from '../realtime/socket-ack';
import type { TableActor, TabletSocket } from '../realtime/socket-types';

/** A tablet's `order:pay`: the payment saga, acknowledged with the order once settled (or its error code). */
export function registerPaymentHandlers(socket: TabletSocket, deps: AppDeps, actor: TableActor): void {
  socket.on(
    'order:pay',
    handleWithAck(deps.logger, OrderPaySchema, (input) =>
      payOrder({ em: forkEm(deps.orm), actor, clock: deps.now, gateway: deps.gateway }, input),
    ),
  );
}
