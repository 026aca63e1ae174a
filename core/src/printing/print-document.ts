import type { Station } from '@hiorder/domain/catalog/catalog.schemas';
import { PaymentMethodSchema } from '@hiorder/domain/ordering/ordering.schemas';
import type { PrinterDuty } from '@hiorder/domain/printing/printing.schemas';
import { z } from 'zod';

/**
 * What a print job prints, fixed when the job is made and kept as JSON on the job row: the same ticket comes
 * out however late it prints or is reprinted. Rendering to printer bytes is `ticket-render.ts`.
 */
const TicketLineSchema = z.object({
  name: z.string(),
  qty: z.number().int(),
  /** Chosen options ("맵게", "곱빼기"), printed under the line when the order has them. */
  options: z.array(z.string()),
  note: z.string().nullable(),
});
export type TicketLine = z.infer<typeof TicketLineSchema>;

const StationTicketSchema = z.object({
  kind: z.literal('ticket'),
  station: z.string(),
  orderShortCode: z.string(),
  tableLabel: z.string(),
  paidAt: z.string(),
  timeZone: z.string(),
  lines: z.array(TicketLineSchema),
  orderNote: z.string(),
});
export type StationTicket = z.infer<typeof StationTicketSchema> & { station: Station };

const BillSchema = z.object({
  kind: z.literal('bill'),
  storeName: z.string(),
  tableLabel: z.string(),
  printedAt: z.string(),
  timeZone: z.string(),
  orderShortCodes: z.array(z.string()),
  lines: z.array(z.object({ name: z.string(), qty: z.number().int(), unitPrice: z.number().int(), lineTotal: z.number().int() })),
  /** What was charged per method, refunded, and still owed: domain's `billOf`, as the board and the tablet show it. */
  payments: z.array(z.object({ method: PaymentMethodSchema, amount: z.number().int() })).default([]),
  refunded: z.number().int().default(0),
  leftToPay: z.number().int().default(0),
  total: z.number().int(),
  /** The store's text under every bill (settings page); absent on jobs queued before it existed. */
  footer: z.string().optional(),
});
export type Bill = z.infer<typeof BillSchema>;

const TestPageSchema = z.object({
  kind: z.literal('test'),
  printerName: z.string(),
  duty: z.string(),
  host: z.string(),
  port: z.number().int(),
  printedAt: z.string(),
  timeZone: z.string(),
});
export type TestPage = z.infer<typeof TestPageSchema> & { duty: PrinterDuty };

export const PrintDocumentSchema = z.discriminatedUnion('kind', [StationTicketSchema, BillSchema, TestPageSchema]);
export type PrintDocument = StationTicket | Bill | TestPage;

/** Reads a job's stored document; the row was written by us, so a parse failure is a bug worth throwing. */
export function parsePrintDocument(json: string): PrintDocument {
  // The schema checks the shape; station and duty strings were StationSchema / PrinterDutySchema values when stored.
  return PrintDocumentSchema.parse(JSON.parse(json)) as PrintDocument;
}
