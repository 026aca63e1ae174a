import { z } from 'zod';
import { StationSchema } from '../catalog/catalog.schemas';
import { IdSchema } from '../shared/ids';

/**
 * What a printer is for: a kitchen station (its tickets: the station's lines of every paid order) or the
 * counter (`receipt`: a table's bill). Derived from `StationSchema`, so a new station is printable at once.
 */
export const PrinterDutySchema = z.union([StationSchema, z.literal('receipt')]);
export type PrinterDuty = z.infer<typeof PrinterDutySchema>;
/** Every duty, in the order a settings form lists them. */
export const PRINTER_DUTIES: readonly PrinterDuty[] = [...StationSchema.options, 'receipt'];

/** A hostname or IPv4/IPv6 literal of a network thermal printer (ESC/POS over raw TCP, usually port 9100). */
const PrinterHostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'a host name or an IP address');

export const PrinterCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(40),
  host: PrinterHostSchema,
  port: z.number().int().min(1).max(65535).default(9100),
  duty: PrinterDutySchema,
  /** Another printer of the store that takes the jobs when this one does not answer. */
  backupPrinterId: IdSchema.nullable().default(null),
});
export type PrinterCreate = z.infer<typeof PrinterCreateSchema>;

export const PrinterUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(40).optional(),
  host: PrinterHostSchema.optional(),
  port: z.number().int().min(1).max(65535).optional(),
  duty: PrinterDutySchema.optional(),
  backupPrinterId: IdSchema.nullable().optional(),
});
export type PrinterUpdate = z.infer<typeof PrinterUpdateSchema>;

/**
 * A printer's health as the last contact left it: `ok` (it answered), `unreachable` (connection refused, timed
 * out, or it reported itself offline), `unknown` (never tried yet).
 */
export const PrinterHealthSchema = z.enum(['ok', 'unreachable', 'unknown']);
export type PrinterHealth = z.infer<typeof PrinterHealthSchema>;

export const PrinterDtoSchema = z.object({
  id: IdSchema,
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  duty: PrinterDutySchema,
  backupPrinterId: IdSchema.nullable(),
  health: PrinterHealthSchema,
  lastError: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  /** Jobs routed to this printer's duty that are still waiting to print. */
  waitingJobs: z.number().int(),
});
export type PrinterDto = z.infer<typeof PrinterDtoSchema>;

/** Kinds of print job: an order's station ticket, a staff reprint of it, a table's bill. */
export const PrintJobKindSchema = z.enum(['ticket', 'reprint', 'bill']);
export type PrintJobKind = z.infer<typeof PrintJobKindSchema>;

/**
 * `waiting`: not printed yet (never tried, or retrying after the printer did not answer); `printed`: the printer
 * took every byte and answered.
 */
export const PrintJobStateSchema = z.enum(['waiting', 'printed']);
export type PrintJobState = z.infer<typeof PrintJobStateSchema>;

/** A print job as the board and the settings page show it (warnings: waiting after a failure, printed on the backup). */
export const PrintJobDtoSchema = z.object({
  id: IdSchema,
  kind: PrintJobKindSchema,
  duty: PrinterDutySchema,
  orderId: IdSchema.nullable(),
  orderShortCode: z.string().nullable(),
  tableLabel: z.string(),
  state: PrintJobStateSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** The printer that printed it (or was tried last), null before the first try. */
  printerName: z.string().nullable(),
  /** Printed by the duty's backup because the main printer did not answer. */
  onBackup: z.boolean(),
  /** Sent again after a crash in the instant between the bytes leaving and the record of it: may be a duplicate. */
  maybeDuplicate: z.boolean(),
  createdAt: z.string(),
  printedAt: z.string().nullable(),
});
export type PrintJobDto = z.infer<typeof PrintJobDtoSchema>;

/** `GET /api/printing`: every printer with its health, and the jobs that need a person's eye. */
export const PrintingStatusDtoSchema = z.object({
  printers: z.array(PrinterDtoSchema),
  /** Waiting jobs that failed at least once, and jobs printed on a backup or possibly twice in the last hour. */
  alerts: z.array(PrintJobDtoSchema),
});
export type PrintingStatusDto = z.infer<typeof PrintingStatusDtoSchema>;

export const PrinterIdParamsSchema = z.strictObject({ printerId: IdSchema });

/** `POST /api/orders/:orderId/reprint`: one station's ticket again, or every station's when left out. */
export const ReprintSchema = z.strictObject({
  station: StationSchema.optional(),
});
export type Reprint = z.infer<typeof ReprintSchema>;

/** The jobs a reprint or a bill print queued. */
export const PrintJobsQueuedDtoSchema = z.object({ jobs: z.array(PrintJobDtoSchema) });
export type PrintJobsQueuedDto = z.infer<typeof PrintJobsQueuedDtoSchema>;

/** `POST /api/printers/:printerId/test`: what the printer answered. */
export const PrinterTestResultDtoSchema = z.object({ printer: PrinterDtoSchema });
export type PrinterTestResultDto = z.infer<typeof PrinterTestResultDtoSchema>;
