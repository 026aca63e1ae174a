import {
  BoardSnapshotDtoSchema,
  BoardSnapshotQuerySchema,
  OrderBumpSchema,
  OrderCancelSchema,
  OrderDtoSchema,
  OrderIdParamsSchema,
  OrderListQuerySchema,
  OrderPlaceSchema,
  VisitDtoSchema,
} from '@hiorder/domain/ordering/ordering.schemas';
import { AlarmAcknowledgedDtoSchema, AlarmAcknowledgeSchema } from '@hiorder/domain/ordering/alarm.schemas';
import { StaffCallPresetsDtoSchema, StaffCallPresetsUpdateSchema, StaffCallSchema } from '@hiorder/domain/ordering/staff-call.schemas';
import {
  OrderMoveSchema,
  VisitCloseSchema,
  VisitMergeSchema,
  VisitMoveSchema,
  VisitPlaceDtoSchema,
  VisitSettingsSchema,
} from '@hiorder/domain/ordering/visit.schemas';
import { OrderPaySchema, PaymentConfigDtoSchema } from '@hiorder/domain/payment/payment.schemas';
import { IdSchema } from '@hiorder/domain/shared/ids';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { setStatus, type ApiRouter } from '../http/api-router';
import { tableActorOf } from '../http/http-context';
import { cancelOrder, payOrder } from '@hiorder/core/payment';
import {
  bumpOrder,
  acknowledgeAlarms,
  callStaff,
  readStaffCallPresets,
  updateStaffCallPresets,
  closeVisit,
  placeOrder,
  getOrder,
  listOpenVisits,
  listOrders,
  readBoardSnapshot,
  acceptOrder,
  serveOrder,
  mergeVisits,
  moveOrder,
  moveVisit,
  readVisitSettings,
  updateVisitSettings,
} from '@hiorder/core/ordering';

const PayBody = OrderPaySchema.omit({ orderId: true });

export function orderingRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'ordering';

  api.route(
    {
      method: 'post',
      path: '/api/orders',
      summary: 'Place an order (idempotent by key per device)',
      tag,
      roles: ['table'],
      body: OrderPlaceSchema,
      response: OrderDtoSchema,
      status: 201,
    },
    async ({ ctx, em, body }) => {
      const placed = await deps.admission.run(() =>
        placeOrder({ em, actor: tableActorOf(ctx), now: deps.now(), reservationTtlMs: deps.env.RESERVATION_TTL_MS }, body),
      );
      if (placed.replayed) setStatus(ctx, 200);
      return placed.order;
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/orders',
      summary: "Orders: a tablet's current visit, or the store's for staff",
      tag,
      roles: ['admin', 'staff', 'kitchen', 'table'],
      query: OrderListQuerySchema,
      response: z.array(OrderDtoSchema),
    },
    ({ em, actor, query }) => listOrders(em, actor, query),
  );
  api.route(
    {
      method: 'get',
      path: '/api/orders/:orderId',
      summary: 'One order',
      tag,
      roles: ['admin', 'staff', 'kitchen', 'table'],
      params: OrderIdParamsSchema,
      response: OrderDtoSchema,
    },
    ({ em, actor, params }) => getOrder(em, actor, params.orderId),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/pay',
      summary: 'Confirm the payment the guest authorised with the provider',
      tag,
      roles: ['table'],
      params: OrderIdParamsSchema,
      body: PayBody,
      response: OrderDtoSchema,
    },
    ({ ctx, em, params, body }) =>
      payOrder(
        { em, actor: tableActorOf(ctx), clock: deps.now, gateway: deps.gateway },
        { orderId: params.orderId, paymentKey: body.paymentKey },
      ),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/accept',
      summary: 'Accept a paid order',
      tag,
      roles: ['admin', 'staff'],
      params: OrderIdParamsSchema,
      response: OrderDtoSchema,
    },
    async ({ em, actor, params }) => await acceptOrder({ em, actor, now: deps.now() }, params.orderId),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/serve',
      summary: 'Mark an order served (kitchen bump)',
      tag,
      roles: ['admin', 'staff', 'kitchen'],
      params: OrderIdParamsSchema,
      response: OrderDtoSchema,
    },
    async ({ em, actor, params }) => await serveOrder({ em, actor, now: deps.now() }, params.orderId),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/bump',
      summary: 'A station finishes lines (its own, or those named) or takes them back; served when every line is ready',
      tag,
      roles: ['admin', 'staff', 'kitchen'],
      params: OrderIdParamsSchema,
      body: OrderBumpSchema,
      response: OrderDtoSchema,
    },
    async ({ em, actor, params, body }) => await bumpOrder({ em, actor, now: deps.now() }, params.orderId, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/cancel',
      summary: 'Cancel an order: unpaid (nothing to refund), or paid with a refund',
      tag,
      roles: ['admin', 'staff'],
      params: OrderIdParamsSchema,
      body: OrderCancelSchema,
      response: OrderDtoSchema,
    },
    async ({ em, actor, params, body }) => await cancelOrder({ em, actor, clock: deps.now, gateway: deps.gateway }, params.orderId, body),
  );
  api.route(
    {
      method: 'get',
      path: '/api/board',
      summary:
        "A board's starting point: the store's lastSeq, today's orders and the open visits (then catch up with events after lastSeq)",
      tag,
      roles: ['admin', 'staff', 'kitchen'],
      query: BoardSnapshotQuerySchema,
      response: BoardSnapshotDtoSchema,
    },
    ({ em, actor, query }) => {
      const now = deps.now();
      return readBoardSnapshot(em, actor, query.since ? new Date(query.since) : new Date(now.getTime() - 24 * 3600 * 1000), now);
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/visits',
      summary: 'Open visits with their orders',
      tag,
      roles: ['admin', 'staff'],
      response: z.array(VisitDtoSchema),
    },
    ({ em, actor }) => listOpenVisits(em, actor),
  );
  api.route(
    {
      method: 'post',
      path: '/api/tables/:tableId/close-visit',
      summary: 'Clear a table: close its visit (409 VISIT_NOT_SETTLED with what remains unless `force`)',
      tag,
      roles: ['admin', 'staff'],
      params: z.strictObject({ tableId: IdSchema }),
      body: VisitCloseSchema,
    },
    async ({ em, actor, params, body }) => {
      await closeVisit({ em, actor, now: deps.now() }, params.tableId, body);
      return undefined;
    },
  );
  const tableParams = z.strictObject({ tableId: IdSchema });
  api.route(
    {
      method: 'post',
      path: '/api/tables/:tableId/move-visit',
      summary: "Move the table's open visit to a free table (409 TABLE_OCCUPIED)",
      tag,
      roles: ['admin', 'staff'],
      params: tableParams,
      body: VisitMoveSchema,
      response: VisitPlaceDtoSchema,
    },
    async ({ em, actor, params, body }) => await moveVisit({ em, actor, now: deps.now() }, params.tableId, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/tables/:tableId/merge-visit',
      summary: "Merge the table's open visit into another table's (합석: one bill)",
      tag,
      roles: ['admin', 'staff'],
      params: tableParams,
      body: VisitMergeSchema,
      response: VisitPlaceDtoSchema,
    },
    async ({ em, actor, params, body }) => await mergeVisits({ em, actor, now: deps.now() }, params.tableId, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/move',
      summary: "Move one order to another table's visit",
      tag,
      roles: ['admin', 'staff'],
      params: OrderIdParamsSchema,
      body: OrderMoveSchema,
      response: VisitPlaceDtoSchema,
    },
    async ({ em, actor, params, body }) => await moveOrder({ em, actor, now: deps.now() }, params.orderId, body),
  );
  api.route(
    {
      method: 'get',
      path: '/api/store/visit-settings',
      summary: "The store's visit settings (the idle rule)",
      tag,
      roles: ['admin', 'staff'],
      response: VisitSettingsSchema,
    },
    ({ em, actor }) => readVisitSettings(em, actor),
  );
  api.route(
    {
      method: 'put',
      path: '/api/store/visit-settings',
      summary: 'Set the idle rule: close a settled visit after N idle minutes (null: never)',
      tag,
      roles: ['admin'],
      body: VisitSettingsSchema,
      response: VisitSettingsSchema,
    },
    ({ em, actor, body }) => updateVisitSettings({ em, actor }, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/staff-calls',
      summary: 'Call staff to the table',
      tag,
      roles: ['table'],
      body: StaffCallSchema,
      response: z.object({ called: z.literal(true) }),
    },
    async ({ ctx, em, body }) => await callStaff({ em, actor: tableActorOf(ctx), now: deps.now() }, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/alarms/acknowledge',
      summary: 'Stop the ringing of new paid orders and staff calls on every board and kitchen display of the store',
      tag,
      roles: ['admin', 'staff', 'kitchen'],
      body: AlarmAcknowledgeSchema,
      response: AlarmAcknowledgedDtoSchema,
    },
    ({ em, actor, body }) => acknowledgeAlarms({ em, actor, now: deps.now() }, body),
  );
  api.route(
    {
      method: 'get',
      path: '/api/store/staff-call-presets',
      summary: "The store's staff-call presets (the tablet's call buttons)",
      tag,
      roles: ['admin', 'staff'],
      response: StaffCallPresetsDtoSchema,
    },
    ({ em, actor }) => readStaffCallPresets(em, actor),
  );
  api.route(
    {
      method: 'put',
      path: '/api/store/staff-call-presets',
      summary: "Set the store's staff-call presets (the whole list, in order); tablets get them with the catalog",
      tag,
      roles: ['admin'],
      body: StaffCallPresetsUpdateSchema,
      response: StaffCallPresetsDtoSchema,
    },
    ({ em, actor, body }) => updateStaffCallPresets({ em, actor, now: deps.now() }, body),
  );
  api.route(
    {
      method: 'get',
      path: '/api/payment/config',
      summary: 'Which payment provider the tablet talks to',
      tag: 'payment',
      roles: 'public',
      response: PaymentConfigDtoSchema,
    },
    async () => ({
      provider: deps.sandboxUrl ? ('sandbox' as const) : ('toss' as const),
      sandboxUrl: deps.sandboxUrl,
      clientKey: deps.env.TOSS_CLIENT_KEY ?? null,
    }),
  );
}
