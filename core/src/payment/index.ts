// Payment: the saga (pay, settle, reconcile), counter payment, refunds, split bills, the gateway and provider clients, and the sandbox provider.
// The public surface of this context: transports import from '@hiorder/core/payment' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { cancelOrder } from './cancel-order';
export { payAtCounter, settleAtCounter } from './counter-payment';
export { payOrder } from './pay-order';
export { PaymentGateway } from './payment-gateway';
export { createPaymentGateway } from './payment-provider';
export { PaymentRefund } from './payment-refund.entity';
export { Payment } from './payment.entity';
export { startPaymentAttempt, startRefund } from './payment.repository';
export { TossPaymentsClient } from './provider-client';
export { reconcilePayments } from './reconcile-payments';
export { refundOrderLines, settleRefund } from './refund-order';
export { SandboxProvider } from './sandbox/sandbox-provider';
export { settlementOf } from './settle-payment';
export { payShare, readBillSplit, reserveShare } from './split/pay-share';
export { settleSplitBills } from './split/split-bills';
