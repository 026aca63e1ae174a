import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { PaymentConfigDtoSchema, type PaymentConfigDto } from '@hiorder/domain/payment/payment.schemas';
import { BusyDetailsSchema, type ErrorBody } from '@hiorder/domain/shared/errors';
import { z } from 'zod';
import { upsertOrder } from '../ordering/actions';
import { ApiError, apiFetch } from '../sync/api';
import { sendPay, sendPayAtCounter } from '../sync/engine';

/** Every way a payment attempt can end, each with its own screen. */
export type PayOutcome =
  | { kind: 'paid'; order: OrderDto }
  | { kind: 'declined'; message: string }
  /** The provider did not answer in time: the server is finding out; `order:updated` will tell. */
  | { kind: 'pending' }
  /** The circuit to the provider is open: try again in `retryAfterMs`. */
  | { kind: 'unavailable'; retryAfterMs: number }
  | { kind: 'busy'; retryAfterMs: number }
  | { kind: 'offline' }
  | { kind: 'error'; message: string };

let config: PaymentConfigDto | null = null;

export async function loadPaymentConfig(): Promise<PaymentConfigDto> {
  if (config) return config;
  config = PaymentConfigDtoSchema.parse(await apiFetch('/api/payment/config'));
  return config;
}

const AuthorizeAnswerSchema = z.object({ paymentKey: z.string().min(1) });

/**
 * Pays an order the way Toss's widget flow does: the guest authorises the card with the provider (in sandbox
 * mode our sheet asks the sandbox for a `paymentKey`), then the server confirms `{ orderId, paymentKey }`
 * against its own order and amount. Never reports `paid` without the server's word.
 */
export async function payOrder(
  order: Pick<OrderDto, 'id' | 'total' | 'lines'>,
  cardNumber: string,
  orderName: string,
): Promise<PayOutcome> {
  if (typeof navigator !== 'undefined' && !navigator.onLine) return { kind: 'offline' };
  let paymentKey: string;
  try {
    const cfg = await loadPaymentConfig();
    if (cfg.provider !== 'sandbox' || !cfg.sandboxUrl)
      return { kind: 'error', message: 'the sandbox sheet only works with the sandbox provider' };
    const answer = await apiFetch(`${cfg.sandboxUrl.replace(/\/$/, '')}/v1/sandbox/authorize`, {
      method: 'POST',
      absolute: true,
      body: { orderId: order.id, amount: order.total, orderName: orderName.slice(0, 100), cardNumber },
    });
    paymentKey = AuthorizeAnswerSchema.parse(answer).paymentKey;
  } catch (err) {
    if (err instanceof ApiError && err.status === 0) return { kind: 'offline' };
    if (err instanceof ApiError && err.status >= 400 && err.status < 500) return { kind: 'declined', message: err.message };
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  return confirmPayment(order.id, paymentKey);
}

/** Sends `{ orderId, paymentKey }` to the server, which confirms with the provider (sandbox sheet or Toss). */
export async function confirmPayment(orderId: string, paymentKey: string): Promise<PayOutcome> {
  const sent = await sendPay({ orderId, paymentKey });
  if (sent.kind === 'offline') return { kind: 'offline' };
  if (sent.kind === 'no_answer') return { kind: 'pending' };
  if (sent.ack.ok) {
    await upsertOrder(sent.ack.data);
    return { kind: 'paid', order: sent.ack.data };
  }
  return outcomeOfError(sent.ack.error);
}

export function outcomeOfError(error: ErrorBody): PayOutcome {
  const retry = BusyDetailsSchema.safeParse(error.details);
  switch (error.code) {
    case 'PAYMENT_DECLINED':
    case 'PAYMENT_AMOUNT_MISMATCH':
      return { kind: 'declined', message: error.message };
    case 'PAYMENT_PENDING':
      return { kind: 'pending' };
    case 'PAYMENT_UNAVAILABLE':
      return { kind: 'unavailable', retryAfterMs: retry.success ? retry.data.retryAfterMs : 10_000 };
    case 'BUSY':
      return { kind: 'busy', retryAfterMs: retry.success ? retry.data.retryAfterMs : 3_000 };
    default:
      return { kind: 'error', message: error.message };
  }
}

/** The guest chose to pay at the counter: the order waits for staff (never the kitchen before it is paid). */
export async function chooseCounter(orderId: string): Promise<{ kind: 'ok' } | { kind: 'offline' } | { kind: 'error'; message: string }> {
  const sent = await sendPayAtCounter(orderId);
  if (sent.kind === 'offline' || sent.kind === 'no_answer') return { kind: 'offline' };
  if (!sent.ack.ok) return { kind: 'error', message: sent.ack.error.message };
  await upsertOrder(sent.ack.data);
  return { kind: 'ok' };
}
