import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { DomainError } from '@hiorder/domain/shared/errors';

export type BusyReason = 'in_flight' | 'event_loop' | 'draining' | 'forced';

/** How an admitted placement ended: its result, or what it threw. */
export type PlacementOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

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
  onBusy: ((reason: BusyReason) => void) | null = null;
  /**
   * Told how every admitted placement ended and how long it took (metrics). BUSY replies never reach it: they
   * go to `onBusy`.
   */
  onSettled: ((outcome: PlacementOutcome, seconds: number) => void) | null = null;
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

  /** True once `drain()` was called: readiness reports it so load balancers stop sending traffic here. */
  get isDraining(): boolean {
    return this.draining;
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
      throw new DomainError('BUSY', 'The kitchen’s system is busy: your order is kept and will be sent again in a moment.', {
        retryAfterMs,
      });
    }
    this.inFlight += 1;
    const started = performance.now();
    try {
      const result = await fn();
      this.onSettled?.({ ok: true, result }, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      this.onSettled?.({ ok: false, error }, (performance.now() - started) / 1000);
      throw error;
    } finally {
      this.inFlight -= 1;
    }
  }

  stop(): void {
    clearInterval(this.sampler);
    this.histogram.disable();
  }
}
