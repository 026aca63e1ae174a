import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { WonSchema } from '../shared/money';

/** `order:pay` / `POST /api/orders/:orderId/pay`: the guest authorised the payment with the provider. */
export const OrderPaySchema = z.strictObject({
  orderId: IdSchema,
  paymentKey: z.string().min(1).max(200),
});
export type OrderPay = z.infer<typeof OrderPaySchema>;

/** The payment provider the server is set up with; the tablet shows the sandbox sheet or Toss's widget. */
export const PaymentConfigDtoSchema = z.object({
  provider: z.enum(['sandbox', 'toss']),
  /** Where the sandbox sheet asks for a paymentKey (sandbox only). */
  sandboxUrl: z.string().nullable(),
  /** Toss client key for the widget (toss only). */
  clientKey: z.string().nullable(),
});
export type PaymentConfigDto = z.infer<typeof PaymentConfigDtoSchema>;

/**
 * Test cards of the sandbox provider. The last four digits choose the behaviour, as test cards do with real
 * providers: approve, decline, time out (never answer), answer after the client's timeout (approved late).
 */
export const SANDBOX_CARDS = {
  approve: '4242424242424242',
  decline: '4000000000000002',
  insufficientFunds: '4000000000009995',
  timeout: '4000000000000119',
  late: '4000000000000259',
  providerError: '4000000000000500',
} as const;
export type SandboxCardBehaviour = keyof typeof SANDBOX_CARDS;

/** The sandbox sheet's request: a stand-in for the provider's widget authorising a card for an order. */
export const SandboxAuthorizeSchema = z.strictObject({
  orderId: IdSchema,
  amount: WonSchema,
  orderName: z.string().max(100).optional(),
  cardNumber: z.string().regex(/^\d{12,19}$/),
});
export type SandboxAuthorize = z.infer<typeof SandboxAuthorizeSchema>;

/** Status of a payment as Toss Payments reports it. */
export const ProviderPaymentStatusSchema = z.enum([
  'READY',
  'IN_PROGRESS',
  'WAITING_FOR_DEPOSIT',
  'DONE',
  'CANCELED',
  'PARTIAL_CANCELED',
  'ABORTED',
  'EXPIRED',
]);
export type ProviderPaymentStatus = z.infer<typeof ProviderPaymentStatusSchema>;

/** The part of Toss's Payment object the saga reads. Extra fields are kept (`loose`): providers add fields. */
export const ProviderPaymentSchema = z.looseObject({
  paymentKey: z.string(),
  orderId: z.string(),
  status: ProviderPaymentStatusSchema,
  totalAmount: z.number().int(),
  balanceAmount: z.number().int().optional(),
  approvedAt: z.string().nullable().optional(),
  method: z.string().nullable().optional(),
});
export type ProviderPayment = z.infer<typeof ProviderPaymentSchema>;

export const ProviderErrorSchema = z.looseObject({ code: z.string(), message: z.string() });
export type ProviderError = z.infer<typeof ProviderErrorSchema>;

/** Card refusals and an expired session: definitive, nothing was charged, the stock goes back. */
export const DECLINE_CODES = new Set([
  'REJECT_CARD_PAYMENT',
  'REJECT_CARD_COMPANY',
  'INVALID_REJECT_CARD',
  'INVALID_STOPPED_CARD',
  'INVALID_CARD_EXPIRATION',
  'INVALID_CARD_NUMBER',
  'EXCEED_MAX_DAILY_PAYMENT_COUNT',
  'EXCEED_MAX_PAYMENT_AMOUNT',
  'NOT_AVAILABLE_PAYMENT',
  'BELOW_MINIMUM_AMOUNT',
  'NOT_FOUND_PAYMENT_SESSION',
  'REJECT_ACCOUNT_PAYMENT',
  'PAY_PROCESS_CANCELED',
  'PAY_PROCESS_ABORTED',
]);

/** What one confirm call means for the saga. */
export type ConfirmOutcome =
  | { kind: 'approved'; payment: ProviderPayment }
  | { kind: 'declined'; code: string; message: string }
  /** The provider already confirmed this payment (a retry): look it up and settle from what it says. */
  | { kind: 'already_processed' }
  /** Timeout, 5xx, PROVIDER_ERROR, 409 in flight, or any code we don't know: never treated as declined. */
  | { kind: 'unknown'; reason: string; httpStatus?: number };

/**
 * Classifies a confirm answer, fail-closed: only a known refusal is a decline; anything we don't recognise is
 * `unknown` and goes to reconciliation.
 */
export function classifyConfirmAnswer(
  answer: { status: number; body: unknown } | { timeout: true } | { networkError: string },
): ConfirmOutcome {
  if ('timeout' in answer) return { kind: 'unknown', reason: 'timeout' };
  if ('networkError' in answer) return { kind: 'unknown', reason: `network: ${answer.networkError}` };
  if (answer.status >= 200 && answer.status < 300) {
    const payment = ProviderPaymentSchema.safeParse(answer.body);
    return payment.success ? { kind: 'approved', payment: payment.data } : { kind: 'unknown', reason: 'unreadable 2xx body' };
  }
  const error = ProviderErrorSchema.safeParse(answer.body);
  if (!error.success) return { kind: 'unknown', reason: `HTTP ${answer.status} without an error code`, httpStatus: answer.status };
  if (error.data.code === 'ALREADY_PROCESSED_PAYMENT') return { kind: 'already_processed' };
  if (answer.status < 500 && DECLINE_CODES.has(error.data.code)) {
    return { kind: 'declined', code: error.data.code, message: error.data.message };
  }
  return { kind: 'unknown', reason: `${answer.status} ${error.data.code}`, httpStatus: answer.status };
}

/**
 * What the provider's view of a payment means for our order (reconciliation and `already_processed`):
 * - `paid`: DONE with our amount (I4);
 * - `charged_other_amount`: DONE with another amount — charged but not ours to keep: refund it, fail the attempt;
 * - `amount_mismatch`: READY / IN_PROGRESS for another amount — it can never be confirmed for our order (the
 *   provider confirms only the authorised amount): the attempt is refused, nothing was charged;
 * - `awaiting_confirm`: READY / IN_PROGRESS for our amount — authorised, not confirmed: confirm again with the
 *   same Idempotency-Key while the provider's session is open, fail the attempt after;
 * - `failed`: ABORTED, EXPIRED, CANCELED or no payment at all — nothing charged, the attempt failed;
 * - `still_unknown`: anything else (a deposit still awaited): ask again later.
 */
export type SettlementVerdict = 'paid' | 'charged_other_amount' | 'amount_mismatch' | 'awaiting_confirm' | 'failed' | 'still_unknown';

export function settlementFromProvider(payment: ProviderPayment | null, expectedAmount: number): SettlementVerdict {
  if (payment === null) return 'failed';
  switch (payment.status) {
    case 'DONE':
      return payment.totalAmount === expectedAmount ? 'paid' : 'charged_other_amount';
    case 'ABORTED':
    case 'EXPIRED':
    case 'CANCELED':
    case 'PARTIAL_CANCELED':
      return 'failed';
    case 'READY':
    case 'IN_PROGRESS':
      return payment.totalAmount === expectedAmount ? 'awaiting_confirm' : 'amount_mismatch';
    case 'WAITING_FOR_DEPOSIT':
      return 'still_unknown';
  }
}

/**
 * What the provider's record says of a partial refund whose answer we lost. At most one refund of an order is in
 * flight at a time, so the provider's refunded sum (`totalAmount - balanceAmount`) tells it: our settled refunds
 * plus this one → `refunded`; our settled refunds only → `not_refunded` (it never arrived, or was refused);
 * anything else (no record, an amount we can't explain) → `still_unknown`, asked again later.
 */
export function partialRefundFromProvider(
  payment: ProviderPayment | null,
  refund: { alreadyRefunded: number; amount: number },
): 'refunded' | 'not_refunded' | 'still_unknown' {
  if (payment === null) return 'still_unknown';
  const balance = payment.balanceAmount ?? (payment.status === 'CANCELED' ? 0 : payment.totalAmount);
  const refundedThere = payment.totalAmount - balance;
  if (refundedThere === refund.alreadyRefunded + refund.amount) return 'refunded';
  if (refundedThere === refund.alreadyRefunded && (payment.status === 'DONE' || payment.status === 'PARTIAL_CANCELED'))
    return 'not_refunded';
  return 'still_unknown';
}

/**
 * How long the provider keeps an authorised payment confirmable: Toss answers `NOT_FOUND_PAYMENT_SESSION` to a
 * confirm about ten minutes after the buyer's authentication (reference/reliability.md §1.4). After it a READY
 * payment can never be charged; reconciliation fails such an attempt.
 */
export const PAYMENT_SESSION_MS = 10 * 60_000;
