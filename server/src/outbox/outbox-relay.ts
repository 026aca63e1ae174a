import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { MikroORM } from '@mikro-orm/core';
import { forkEm } from '../db/orm';
import type { Logger } from '../logger';
import { acquireRelayLease, markDelivered, pendingEvents, releaseRelayLease, sequencePendingEvents } from './outbox.repository';

/** Where committed events go: the socket rooms, in-process processors, or BullMQ. */
export interface EventPublisher {
  readonly name: string;
  /**
   * `live`: pushes to connected clients (sockets), which catch up by seq anyway. `durable`: consumers that must
   * see every event (processors, BullMQ). The two are tracked apart, so a Redis outage that stalls the durable
   * side never holds back the board's live pushes.
   */
  readonly delivery: 'live' | 'durable';
  /** Must not resolve before the events are handed over; throwing leaves them pending, to retry. */
  publish(events: readonly DomainEvent[]): Promise<void>;
}

export interface OutboxRelayOptions {
  pollMs?: number;
  batch?: number;
  leaseTtlMs?: number;
}

/**
 * Publishes committed outbox events, in each store's seq order, at least once. Commands `kick()` it after their
 * commit; a poll catches events committed by other processes (workers) and retries failed publishes. With
 * several instances, the relay lease makes one of them the only sequencer and publisher at a time.
 */
export class OutboxRelay {
  private readonly holder = `relay-${randomUUID()}`;
  private readonly publishers: EventPublisher[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Passes run one after another in this process: a promise chain is the mutex. */
  private chain: Promise<void> = Promise.resolve();
  private kickPending = false;
  private stopped = false;
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly leaseTtlMs: number;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 500;
    this.batch = options.batch ?? 500;
    // Renewed at every poll; a crashed holder delays publishing by at most this long.
    this.leaseTtlMs = options.leaseTtlMs ?? 5_000;
  }

  addPublisher(publisher: EventPublisher): void {
    this.publishers.push(publisher);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Asks for a drain soon; kicks made while one is queued coalesce into it. */
  kick(): void {
    if (this.stopped || this.kickPending) return;
    this.kickPending = true;
    void this.exclusive(async () => {
      this.kickPending = false;
      while ((await this.drainOnce()) === this.batch);
    }).catch((err: unknown) => this.logger.error({ err }, 'outbox relay pass failed; retrying at the next poll'));
  }

  /** Resolves when everything committed before the call has been published (tests, graceful shutdown). */
  flush(): Promise<void> {
    return this.exclusive(async () => {
      while ((await this.drainOnce()) > 0);
    });
  }

  /** Stops after the current pass and hands the lease back, so another instance takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.chain;
    await releaseRelayLease(forkEm(this.orm), this.holder).catch((err: unknown) => this.logger.warn({ err }, 'relay lease not released'));
  }

  private exclusive(fn: () => Promise<void>): Promise<void> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * One pass: sequence new events, then hand a batch to the live publishers and, separately, a batch to the
   * durable ones, marking each side when it succeeded. Returns the larger of the two batches (0: nothing left).
   * A durable failure is logged and retried at the next poll without holding back the live side.
   */
  private async drainOnce(): Promise<number> {
    const em = forkEm(this.orm);
    const isLeader = await em.transactional(async (tx) => {
      if (!(await acquireRelayLease(tx, this.holder, new Date(), this.leaseTtlMs))) return false;
      await sequencePendingEvents(tx, this.batch);
      return true;
    });
    if (!isLeader) return 0;
    const live = await this.deliver(em, 'live');
    let durable = 0;
    try {
      durable = await this.deliver(em, 'durable');
    } catch (err) {
      const now = Date.now();
      if (now - this.lastDurableError > 30_000) this.logger.warn({ err }, 'durable event delivery failed; events wait in the outbox');
      this.lastDurableError = now;
    }
    return Math.max(live, durable);
  }

  private lastDurableError = 0;

  private async deliver(em: ReturnType<typeof forkEm>, delivery: 'live' | 'durable'): Promise<number> {
    const publishers = this.publishers.filter((p) => p.delivery === delivery);
    const events = await pendingEvents(em, delivery, this.batch);
    if (events.length === 0) return 0;
    for (const publisher of publishers) await publisher.publish(events);
    await em.transactional((tx) => markDelivered(tx, delivery, events.map((e) => e.id), new Date()));
    return events.length;
  }
}
