import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import {
  classifyConfirmAnswer,
  ProviderPaymentSchema,
  type ConfirmOutcome,
  type ProviderPayment,
} from '@hiorder/domain/payment/payment.schemas';
import type { Logger } from '../logger';
import type { PaymentProviderClient, ProviderAnswer } from './provider-client';

/** The provider answered 5xx or not at all: counted by the breaker, read as "unknown" by the saga. */
class ProviderUnavailable extends Error {
  constructor(
    readonly answer: ProviderAnswer | null,
    reason: string,
  ) {
    super(reason);
  }
}

export type GatewayResult<T> = T | { kind: 'unavailable'; retryAfterMs: number };

export interface PaymentGatewayOptions {
  timeoutMs: number;
  breakerFailures: number;
  halfOpenAfterMs: number;
}

/**
 * The provider behind a timeout and a circuit breaker (cockatiel). A timeout, a network error or a 5xx counts
 * as a failure; after `breakerFailures` in a row the circuit opens and calls fail fast with `unavailable` and
 * the time until the next try, instead of hanging a guest's payment.
 */
export class PaymentGateway {
  private readonly policy;
  private openedAt = 0;

  constructor(
    private readonly client: PaymentProviderClient,
    private readonly options: PaymentGatewayOptions,
    private readonly logger: Logger,
  ) {
    const breaker = circuitBreaker(
      handleWhen((err) => err instanceof ProviderUnavailable || err instanceof TaskCancelledError),
      { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerFailures) },
    );
    breaker.onBreak(() => {
      this.openedAt = Date.now();
      this.logger.warn('payment provider circuit opened');
    });
    breaker.onReset(() => this.logger.info('payment provider circuit closed'));
    this.breaker = breaker;
    this.policy = wrap(breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
  }

  private readonly breaker;

  /** Told the outcome of every confirm call (metrics); `unavailable` when the open circuit refused it. */
  onConfirmOutcome: ((kind: ConfirmOutcome['kind'] | 'unavailable') => void) | null = null;

  get circuitState(): 'closed' | 'open' | 'half_open' {
    switch (this.breaker.state) {
      case CircuitState.Open:
      case CircuitState.Isolated:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half_open';
      default:
        return 'closed';
    }
  }

  /** Confirms a payment; never throws. */
  async confirm(
    input: { paymentKey: string; orderId: string; amount: number },
    idempotencyKey: string,
  ): Promise<GatewayResult<ConfirmOutcome>> {
    const answer = await this.call((signal) => this.client.confirm(input, idempotencyKey, signal));
    const outcome = 'kind' in answer ? answer : classifyConfirmAnswer('failure' in answer ? answer.failure : answer);
    this.onConfirmOutcome?.(outcome.kind);
    return outcome;
  }

  /**
   * Refunds a payment: `amount` won of it (a partial cancel), or all that is left when omitted. `ok` also when the
   * provider says it was already cancelled; `failed` when it refused (nothing was refunded); `unknown` on a
   * timeout, network error or 5xx (it may have refunded: ask it later).
   */
  async cancel(
    paymentKey: string,
    reason: string,
    idempotencyKey: string,
    amount?: number,
  ): Promise<GatewayResult<{ kind: 'ok' } | { kind: 'failed'; reason: string } | { kind: 'unknown'; reason: string }>> {
    const input = amount === undefined ? { cancelReason: reason } : { cancelReason: reason, cancelAmount: amount };
    const answer = await this.call((signal) => this.client.cancel(paymentKey, input, idempotencyKey, signal));
    if ('kind' in answer) return answer;
    if ('failure' in answer) return { kind: 'unknown', reason: failureReason(answer.failure) };
    if (answer.status >= 200 && answer.status < 300) return { kind: 'ok' };
    const code = (answer.body as { code?: string } | null)?.code;
    if (code === 'ALREADY_CANCELED_PAYMENT') return { kind: 'ok' };
    return { kind: 'failed', reason: `${answer.status} ${code ?? ''}`.trim() };
  }

  /** The provider's view of an order's payment: the payment, `null` when it has none, or `unknown`. */
  async lookupByOrderId(
    orderId: string,
  ): Promise<GatewayResult<{ kind: 'found'; payment: ProviderPayment | null } | { kind: 'unknown'; reason: string }>> {
    const answer = await this.call((signal) => this.client.getByOrderId(orderId, signal));
    if ('kind' in answer) return answer;
    if ('failure' in answer) return { kind: 'unknown', reason: failureReason(answer.failure) };
    if (answer.status === 404) return { kind: 'found', payment: null };
    const parsed = ProviderPaymentSchema.safeParse(answer.body);
    if (answer.status === 200 && parsed.success) return { kind: 'found', payment: parsed.data };
    return { kind: 'unknown', reason: `HTTP ${answer.status}` };
  }

  /**
   * Runs one provider call under the policy. Answers: the HTTP answer (2xx–4xx), `failure` (timeout, network,
   * 5xx: the outcome is unknown), or `unavailable` (circuit open: the call was not made).
   */
  private async call(
    fn: (signal: AbortSignal) => Promise<ProviderAnswer>,
  ): Promise<
    | ProviderAnswer
    | { failure: { timeout: true } | { networkError: string } | ProviderAnswer }
    | { kind: 'unavailable'; retryAfterMs: number }
  > {
    try {
      return await this.policy.execute(async ({ signal }) => {
        let answer: ProviderAnswer;
        try {
          answer = await fn(signal);
        } catch (err) {
          if (signal.aborted) throw new TaskCancelledError();
          throw new ProviderUnavailable(null, err instanceof Error ? err.message : String(err));
        }
        if (answer.status >= 500) throw new ProviderUnavailable(answer, `HTTP ${answer.status}`);
        return answer;
      });
    } catch (err) {
      if (err instanceof BrokenCircuitError) {
        const retryAfterMs = Math.max(1000, this.options.halfOpenAfterMs - (Date.now() - this.openedAt));
        return { kind: 'unavailable', retryAfterMs };
      }
      if (err instanceof TaskCancelledError) return { failure: { timeout: true } };
      if (err instanceof ProviderUnavailable) return { failure: err.answer ?? { networkError: err.message } };
      return { failure: { networkError: err instanceof Error ? err.message : String(err) } };
    }
  }
}

function failureReason(failure: { timeout: true } | { networkError: string } | ProviderAnswer): string {
  if ('timeout' in failure) return 'timeout';
  if ('networkError' in failure) return failure.networkError;
  return `HTTP ${failure.status}`;
}
