import { DeviceSessionDtoSchema } from '@hiorder/domain/identity/identity.schemas';
import { OrderIdParamsSchema } from '@hiorder/domain/ordering/ordering.schemas';
import { BillSplitDtoSchema, SharePaySchema, VisitJoinCodeDtoSchema, VisitJoinSchema } from '@hiorder/domain/payment/bill-split';
import { joinVisit, visitJoinCode } from '@hiorder/core/ordering';
import { payShare, readBillSplit } from '@hiorder/core/payment';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';
import { tableActorOf } from '../http/http-context';

/** Split the bill by phone (issue 18): the tablet's QR, a phone joining the visit, and paying shares. */
export function splitRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'payment';
  api.route(
    {
      method: 'post',
      path: '/api/visit/join-code',
      summary: 'The QR code of the table’s current visit, for guests’ phones (opens the visit if there is none)',
      tag,
      roles: ['table'],
      response: VisitJoinCodeDtoSchema,
    },
    ({ ctx, em }) => visitJoinCode({ em, actor: tableActorOf(ctx), now: deps.now(), publicUrl: deps.publicUrl }),
  );
  api.route(
    {
      method: 'post',
      path: '/api/visits/join',
      summary: 'A phone scanned the tablet’s QR: a device session limited to that visit (410 VISIT_JOIN_INVALID once it ended)',
      tag,
      roles: 'public',
      body: VisitJoinSchema,
      response: DeviceSessionDtoSchema,
    },
    ({ em, body }) => joinVisit({ em, now: deps.now() }, body),
  );
  api.route(
    {
      method: 'get',
      path: '/api/orders/:orderId/split',
      summary: 'Where the split of an order’s bill stands: paid, in flight, remaining, the shares',
      tag,
      roles: ['table'],
      params: OrderIdParamsSchema,
      response: BillSplitDtoSchema,
    },
    ({ ctx, em, params }) => readBillSplit({ em, actor: tableActorOf(ctx) }, params.orderId),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/shares',
      summary: 'Pay a share of the order: N equal parts, chosen lines, or the rest; the order is paid when its shares cover the total',
      tag,
      roles: ['table'],
      params: OrderIdParamsSchema,
      body: SharePaySchema,
      response: BillSplitDtoSchema,
    },
    ({ ctx, em, params, body }) => payShare({ em, actor: tableActorOf(ctx), clock: deps.now, gateway: deps.gateway }, params.orderId, body),
  );
}
