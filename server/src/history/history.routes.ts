import { BusinessDaySettingsSchema, OrderHistoryPageSchema, OrderHistoryQuerySchema } from '@hiorder/domain/history/history.schemas';
import {
  exportOrderHistoryCsv,
  readBusinessDaySettings,
  readOrderHistory,
  updateBusinessDaySettings,
  readDailyClose,
} from '@hiorder/core/history';
import { DailyCloseDtoSchema, DailyCloseQuerySchema } from '@hiorder/domain/history/daily-close.schemas';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';

/** The order history read model: search (paged), CSV export, the daily close, and the store's business day setting. */
export function historyRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'history';
  api.route(
    {
      method: 'get',
      path: '/api/order-history',
      summary: "Search orders by business days, table, status, payment method (a tablet: its own visit's only)",
      tag,
      roles: ['admin', 'staff', 'table'],
      query: OrderHistoryQuerySchema,
      response: OrderHistoryPageSchema,
    },
    ({ em, actor, query }) => readOrderHistory(em, actor, query),
  );
  api.route(
    {
      method: 'get',
      path: '/api/order-history.csv',
      summary: 'The same search as CSV for Excel (UTF-8 with BOM)',
      tag,
      roles: ['admin', 'staff'],
      query: OrderHistoryQuerySchema,
      response: z.string(),
    },
    async ({ ctx, em, actor, query }) => {
      const csv = await exportOrderHistoryCsv(em, actor, query);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('content-disposition', `attachment; filename="orders-${query.from ?? 'all'}-${query.to ?? 'all'}.csv"`);
      return csv;
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/daily-close',
      summary: 'The daily close (마감 정산) of a business day: sales by method, refunds, cancellations, cash expected',
      tag,
      roles: ['admin', 'staff'],
      query: DailyCloseQuerySchema,
      response: DailyCloseDtoSchema,
    },
    ({ em, actor, query }) => readDailyClose(em, actor, query.day, deps.now()),
  );
  api.route(
    {
      method: 'get',
      path: '/api/store/business-day',
      summary: 'The hour the business day starts (store-local)',
      tag,
      roles: ['admin', 'staff'],
      response: BusinessDaySettingsSchema,
    },
    ({ em, actor }) => readBusinessDaySettings(em, actor),
  );
  api.route(
    {
      method: 'put',
      path: '/api/store/business-day',
      summary: 'Set the hour the business day starts',
      tag,
      roles: ['admin'],
      body: BusinessDaySettingsSchema,
      response: BusinessDaySettingsSchema,
    },
    ({ em, actor, body }) => updateBusinessDaySettings({ em, actor }, body),
  );
}
