// Statistics: sales buckets kept by their processor, read as a summary.
// The public surface of this context: transports import from '@hiorder/core/stats' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { readSalesSummary } from './read-sales-summary';
export { statsProcessor } from './stats.processor';
