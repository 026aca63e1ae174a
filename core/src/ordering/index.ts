// Ordering: placement, the order lifecycle's commands, visits, alarms and staff calls, and the reads of boards.
// The public surface of this context: transports import from '@hiorder/core/ordering' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { acknowledgeAlarms } from './acknowledge-alarms';
export { bumpOrder } from './bump-order';
export { callStaff } from './call-staff';
export { changeOrderStatus } from './change-order-status';
export type { StatusChange } from './change-order-status';
export { closeIdleVisits } from './close-idle-visits';
export { closeVisit } from './close-visit';
export { expireOrders } from './expire-orders';
export { OrderLine } from './order-line.entity';
export { Order } from './order.entity';
export { presentOrder } from './order.presenter';
export { readOrder, setPaymentState, takeStock } from './order.repository';
export { placeOrder } from './place-order';
export { getOrder, listOpenVisits, listOrders, readBoardSnapshot } from './read-orders';
export { readStaffCallPresets, updateStaffCallPresets } from './staff-call-presets';
export { acceptOrder, serveOrder } from './staff-order-commands';
export { mergeVisits, moveOrder, moveVisit } from './table-moves';
export { joinVisit, visitJoinCode } from './visit-join';
export { readVisitSettings, updateVisitSettings } from './visit-settings';
export { Visit } from './visit.entity';
