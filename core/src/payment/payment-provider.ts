import type { Logger } from '../logger';
import { PaymentGateway } from './payment-gateway';
import { TossPaymentsClient } from './provider-client';

/** The parts of the configuration that choose and guard the payment provider (core/src/config/env.ts#PaymentEnv). */
export interface PaymentProviderConfig {
  TOSS_SECRET_KEY?: string | undefined;
  TOSS_API_URL: string;
  SANDBOX_SECRET_KEY: string;
  PAYMENT_TIMEOUT_MS: number;
  PAYMENT_BREAKER_FAILURES: number;
  PAYMENT_BREAKER_HALF_OPEN_MS: number;
}

/**
 * The one place that chooses the provider: real Toss when a secret key is set, otherwise the sandbox at
 * `sandboxUrl` (started by the server, or shared by several processes), both behind the same timeout and circuit
 * breaker. The server's confirmations and the workers' reconciliation must talk to the same provider.
 */
export function createPaymentGateway(config: PaymentProviderConfig, sandboxUrl: string, logger: Logger): PaymentGateway {
  const provider = config.TOSS_SECRET_KEY
    ? new TossPaymentsClient(config.TOSS_API_URL, config.TOSS_SECRET_KEY)
    : new TossPaymentsClient(sandboxUrl, config.SANDBOX_SECRET_KEY);
  return new PaymentGateway(
    provider,
    {
      timeoutMs: config.PAYMENT_TIMEOUT_MS,
      breakerFailures: config.PAYMENT_BREAKER_FAILURES,
      halfOpenAfterMs: config.PAYMENT_BREAKER_HALF_OPEN_MS,
    },
    logger.child({ module: 'payment' }),
  );
}
