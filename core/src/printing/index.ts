// Printing: printers, the print queue and its dispatcher, ticket rendering and ESC/POS.
// The public surface of this context: transports import from '@hiorder/core/printing' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { escposSender } from './escpos-link';
export type { PrinterSender } from './escpos-link';
export { PrintDispatcher, PRINTED_JOB_RETENTION_MS } from './print-dispatcher';
export { PrintJob } from './print-job.entity';
export { createPrinter, deletePrinter, printTestPage, readPrintingStatus, updatePrinter } from './printer-commands';
export { printingProcessor } from './printing.processor';
export { printTableBill, reprintOrder } from './queue-print-jobs';
