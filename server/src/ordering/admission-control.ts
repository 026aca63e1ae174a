import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { DomainError } from '@hiorder/domain/shared/errors';

export interface AdmissionOptions {
  maxInFlight: number;
  maxEventLoopDelayMs: number;
  retryAfterMs: number;
}

/**
 * Admission control at order entry. When too many placements are in flight, or the event loop lags, a new
 * placement is turned away at once with `BUSY` and `retryAfterMs`: the tablet keeps the order in its outbox and
 * resends it after a countdown, instead of every guest waiting on a saturated server. Rejecting early keeps the
 * latency of accepted work bounded.
 */
export class AdmissionControl {
  private inFlight = 0;
  private readonly histogram: IntervalHistogram;
  private readonly sampler: NodeJS.Timeout;
  private lagMs = 0;
  /** Test hook: the next N placements answer BUSY (only reachable with TEST_HOOKS=true). */
  private forcedBusy = 0;
  busyReplies = 0;
  onBusy: ((reason: 'in_flight' | 'event_loop' | 'draining' | 'forced') => void) | null = null;
  private draining = false;

  constructor(private readonly options: AdmissionOptions) {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    // The p99 of the last half second: a sustained lag, not one slow tick.
    this.sampler = setInterval(() => {
      this.lagMs = this.histogram.percentile(99) / 1e6;
      this.histogram.reset();
    }, 500);
    this.sampler.unref();
  }

  get current(): { inFlight: number; eventLoopDelayMs: number } {
    return { inFlight: this.inFlight, eventLoopDelayMs: this.lagMs };
  }

  forceBusy(count: number): void {
    this.forcedBusy = count;
  }

  /** Stop admitting (graceful shutdown): every new placement gets BUSY and goes to another instance. */
  drain(): void {
    this.draining = true;
  }

  /** Runs `fn` if admitted; throws `BUSY` otherwise. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const reason = this.draining
      ? 'draining'
      : this.forcedBusy > 0
        ? 'forced'
        : this.inFlight >= this.options.maxInFlight
          ? 'in_flight'
          : this.lagMs > this.options.maxEventLoopDelayMs
            ? 'event_loop'
            : null;
    if (reason) {
      if (reason === 'forced') this.forcedBusy -= 1;
      this.busyReplies += 1;
      this.onBusy?.(reason);
      // Jitter spreads the retries of many tablets so they don't come back as one wave.
      const retryAfterMs = Math.round(this.options.retryAfterMs * (0.75 + Math.random() * 0.5));
      throw new DomainError('BUSY', 'The kitchen’s system is busy: your order is kept and will be sent again in a moment.', { retryAfterMs });
    }
    this.inFlight += 1;
    try {
      return await fn();
    } finally {
      this.inFlight -= 1;
    }
  }

  stop(): void {
    clearInterval(this.sampler);
    this.histogram.disable();
  }
}
