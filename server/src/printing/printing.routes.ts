import { OrderIdParamsSchema } from '@hiorder/domain/ordering/ordering.schemas';
import {
  PrinterCreateSchema,
  PrinterDtoSchema,
  PrinterIdParamsSchema,
  PrinterUpdateSchema,
  PrintingStatusDtoSchema,
  PrintJobsQueuedDtoSchema,
  ReprintSchema,
} from '@hiorder/domain/printing/printing.schemas';
import { IdSchema } from '@hiorder/domain/shared/ids';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import type { EntityManager } from '@hiorder/core/db';
import type { ApiRouter } from '../http/api-router';
import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import {
  createPrinter,
  deletePrinter,
  printTestPage,
  readPrintingStatus,
  updatePrinter,
  printTableBill,
  reprintOrder,
} from '@hiorder/core/printing';
import type { CommandContext } from '@hiorder/core/command-context';

const TableParams = z.strictObject({ tableId: IdSchema });

/** Printers (admin), the print status the board watches, reprints and table bills. */
export function printingRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'printing';
  const ctxOf = (em: EntityManager, actor: Actor): CommandContext => ({ em, actor, now: deps.now() });
  const queued = () => deps.onPrintJobsQueued?.();

  api.route(
    {
      method: 'get',
      path: '/api/printing',
      summary: 'Printers with their health, and print jobs that need attention',
      tag,
      roles: ['admin', 'staff', 'kitchen'],
      response: PrintingStatusDtoSchema,
    },
    ({ em, actor }) => readPrintingStatus(ctxOf(em, actor)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/printers',
      summary: 'Add a network printer (ESC/POS over TCP)',
      tag,
      roles: ['admin'],
      body: PrinterCreateSchema,
      response: PrinterDtoSchema,
      status: 201,
    },
    ({ em, actor, body }) => createPrinter(ctxOf(em, actor), body),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/printers/:printerId',
      summary: "Change a printer's name, address, duty or backup",
      tag,
      roles: ['admin'],
      params: PrinterIdParamsSchema,
      body: PrinterUpdateSchema,
      response: PrinterDtoSchema,
    },
    ({ em, actor, params, body }) => updatePrinter(ctxOf(em, actor), params.printerId, body),
  );
  api.route(
    {
      method: 'delete',
      path: '/api/printers/:printerId',
      summary: 'Remove a printer',
      tag,
      roles: ['admin'],
      params: PrinterIdParamsSchema,
    },
    async ({ em, actor, params }) => {
      await deletePrinter(ctxOf(em, actor), params.printerId);
      return undefined;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/printers/:printerId/test',
      summary: 'Print a test page now (502 PRINTER_UNREACHABLE with the reason when it does not answer)',
      tag,
      roles: ['admin'],
      params: PrinterIdParamsSchema,
      response: PrinterDtoSchema,
    },
    ({ em, actor, params }) => printTestPage(ctxOf(em, actor), params.printerId, deps.printerSender, queued),
  );
  api.route(
    {
      method: 'post',
      path: '/api/orders/:orderId/reprint',
      summary: "Print a paid order's station tickets again (one station, or all)",
      tag,
      roles: ['admin', 'staff', 'kitchen'],
      params: OrderIdParamsSchema,
      body: ReprintSchema,
      response: PrintJobsQueuedDtoSchema,
      status: 202,
    },
    async ({ em, actor, params, body }) => {
      const result = await reprintOrder(ctxOf(em, actor), params.orderId, body);
      queued();
      return result;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/tables/:tableId/bill/print',
      summary: "Print the table's current visit bill on the counter printer",
      tag,
      roles: ['admin', 'staff'],
      params: TableParams,
      response: PrintJobsQueuedDtoSchema,
      status: 202,
    },
    async ({ em, actor, params }) => {
      const result = await printTableBill(ctxOf(em, actor), params.tableId);
      queued();
      return result;
    },
  );
}
