// Order history: the searchable record of closed orders, its CSV export and the business day's close.
// The public surface of this context: transports import from '@hiorder/core/history' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { readDailyClose } from './daily-close';
export { searchOrderHistory } from './order-history.repository';
export { exportOrderHistoryCsv, readBusinessDaySettings, readOrderHistory, updateBusinessDaySettings } from './read-order-history';
