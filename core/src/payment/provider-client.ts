import type { ProviderPayment } from '@hiorder/domain/payment/payment.schemas';

/** An HTTP answer of the provider, as it came: the saga classifies it (`classifyConfirmAnswer`). */
export interface ProviderAnswer {
  status: number;
  body: unknown;
}

/**
 * The client for Toss Payments' v1 API shape, used for both the sandbox and real Toss. Every POST carries an
 * `Idempotency-Key` chosen by the caller per order and operation. Network failures throw; HTTP errors don't.
 */
export interface PaymentProviderClient {
  confirm(
    input: { paymentKey: string; orderId: string; amount: number },
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<ProviderAnswer>;
  /** Refunds `cancelAmount` won of the payment (a partial cancel), or all that is left when it is omitted. */
  cancel(
    paymentKey: string,
    input: { cancelReason: string; cancelAmount?: number },
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<ProviderAnswer>;
  get(paymentKey: string, signal?: AbortSignal): Promise<ProviderAnswer>;
  getByOrderId(orderId: string, signal?: AbortSignal): Promise<ProviderAnswer>;
}

export type { ProviderPayment };

export class TossPaymentsClient implements PaymentProviderClient {
  private readonly authorization: string;
  private readonly baseUrl: string;

  constructor(baseUrl: string, secretKey: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    // Toss: Basic base64(secretKey + ":"), the colon is mandatory.
    this.authorization = `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`;
  }

  confirm(input: { paymentKey: string; orderId: string; amount: number }, idempotencyKey: string, signal?: AbortSignal) {
    return this.request('POST', '/v1/payments/confirm', input, idempotencyKey, signal);
  }

  cancel(paymentKey: string, input: { cancelReason: string; cancelAmount?: number }, idempotencyKey: string, signal?: AbortSignal) {
    // Toss: no cancelAmount means "refund everything left"; the field is sent only for a partial cancel.
    const body =
      input.cancelAmount === undefined
        ? { cancelReason: input.cancelReason }
        : { cancelReason: input.cancelReason, cancelAmount: input.cancelAmount };
    return this.request('POST', `/v1/payments/${encodeURIComponent(paymentKey)}/cancel`, body, idempotencyKey, signal);
  }

  get(paymentKey: string, signal?: AbortSignal) {
    return this.request('GET', `/v1/payments/${encodeURIComponent(paymentKey)}`, undefined, undefined, signal);
  }

  getByOrderId(orderId: string, signal?: AbortSignal) {
    return this.request('GET', `/v1/payments/orders/${encodeURIComponent(orderId)}`, undefined, undefined, signal);
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    idempotencyKey: string | undefined,
    signal?: AbortSignal,
  ): Promise<ProviderAnswer> {
    const headers: Record<string, string> = { authorization: this.authorization, 'accept-language': 'en-US' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { code: 'UNREADABLE_RESPONSE', message: text.slice(0, 200) };
    }
    return { status: res.status, body: parsed };
  }
}
