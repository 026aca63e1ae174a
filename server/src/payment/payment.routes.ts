import { CounterSettleSchema, OrderDtoSchema, OrderIdParamsSchema } from '@hiorder/domain/ordering/ordering.schemas';
import { OrderRefundSchema } from '@hiorder/domain/ordering/partial-refund';
import { payAtCounter, settleAtCounter, refundOrderLines } from '@hiorder/core/payment';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';
import { tableActorOf } from '../http/http-context';

/** Paying at the counter (the guest's choice on the tablet, staff taking the money) and partial refunds (issue 18). */
export function paymentRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'payment';
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/pay-at-counter',
      summary: 'The guest will pay this order at the counter',
      tag,
      roles: ['table'],
      params: OrderIdParamsSchema,
      response: OrderDtoSchema,
    },
    ({ ctx, em, params }) => payAtCounter({ em, actor: tableActorOf(ctx), now: deps.now() }, params.orderId),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/settle',
      summary: 'Staff took the payment of an unpaid order at the counter (cash, card terminal, other): paid, to the kitchen',
      tag,
      roles: ['admin', 'staff'],
      params: OrderIdParamsSchema,
      body: CounterSettleSchema,
      response: OrderDtoSchema,
    },
    ({ em, actor, params, body }) => settleAtCounter({ em, actor, now: deps.now() }, params.orderId, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/refund',
      summary:
        'Staff refund part of a paid order (lines or quantities, a reason, stock back or not); the amount comes from the order. 202 PAYMENT_PENDING when the provider did not answer: send the same body again, or reconciliation settles it',
      tag,
      roles: ['admin', 'staff'],
      params: OrderIdParamsSchema,
      body: OrderRefundSchema,
      response: OrderDtoSchema,
    },
    ({ em, actor, params, body }) => refundOrderLines({ em, actor, clock: deps.now, gateway: deps.gateway }, params.orderId, body),
  );
}
