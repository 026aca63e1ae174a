import { orderHistoryProcessor } from '../history/order-history.processor';
import { printingProcessor } from '../printing/printing.processor';
import { recommendationsProcessor } from '../recommendations/recommendations.processor';
import { statsProcessor } from '../stats/stats.processor';
import type { EventProcessor } from './event-processor';

/**
 * Every event processor, listed once. The embedded server runs them in-process (`in-process-publisher.ts`);
 * with Redis, the workers run the same list from BullMQ jobs. Both go through `applyOnce`. (`printing` only
 * queues print jobs in the database; the print dispatcher sends them after the commit.)
 */
export const EVENT_PROCESSORS: readonly EventProcessor[] = [
  statsProcessor,
  recommendationsProcessor,
  printingProcessor,
  orderHistoryProcessor,
];
