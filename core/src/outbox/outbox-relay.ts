import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { MikroORM } from '@mikro-orm/core';
import { DedicatedSql } from '../db/dedicated-sql';
import { sqlOf, sqlTransaction, type SqlSession } from '../db/direct-sql';
import { forkEm } from '../db/orm';
import type { Logger } from '../logger';
import type { EventProcessor } from './event-processor';
import {
  acquireRelayLease,
  appliedBy,
  forwardedUnappliedEvents,
  hasUnsequencedEvents,
  markApplied,
  markDelivered,
  pendingEvents,
  releaseRelayLease,
  sequencePendingEvents,
} from './outbox.repository';
import { onEventsCommitted } from './events-committed';
import { isSetAside, setAsideOf } from './event-failure.repository';

/** Where a lane's statements run: its dedicated connection (live) or the shared pool (durable). */
type LaneSql = Pick<DedicatedSql, 'transaction' | 'session'>;

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
  /**
   * Durable publishers that resolve only once every processor applied the events (in-process): the relay marks
   * them applied at once. Others (BullMQ) only hand them over; the sweeper checks `processed_event` later.
   */
  readonly appliesBeforeResolving?: boolean;
}

export interface OutboxRelayOptions {
  pollMs?: number;
  batch?: number;
  leaseTtlMs?: number;
  /**
   * A forwarded event that some processor handling its type has not applied after this long is forwarded again
   * (its job was lost, e.g. with Redis's memory). Default 60 s.
   */
  redeliverAfterMs?: number;
  /** The processors whose `processed_event` rows end delivery (the workers run the same list). */
  processors?: readonly Pick<EventProcessor, 'name' | 'handles'>[];
}

/**
 * Publishes committed outbox events, in each store's seq order, at least once. Every commit that appended events
 * kicks it (an after-commit hook, `events-committed.ts`); a poll catches events committed by other processes (workers) and retries failed publishes. With
 * several instances, the relay lease makes one of them the only sequencer and publisher at a time.
 */
export class OutboxRelay {
  private readonly holder = `relay-${randomUUID()}`;
  private readonly publishers: EventPublisher[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;
  /**
   * Two lanes, each a promise chain (its mutex): `live` sequences events and pushes them to sockets; `durable`
   * hands them to processors or BullMQ. Slow consumers (or Redis down) never delay a board's push.
   */
  // Live: a board's push waits for nothing but the commands at hand. Durable: processors and BullMQ are not
  // watched live (their pushes are throttled anyway), so their passes gather for 20 ms.
  private readonly lanes = { live: new Lane(0), durable: new Lane(20) };
  private stopped = false;
  private lastDurableError = 0;
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly leaseTtlMs: number;
  /** Until then the lease renewed last is surely still ours (a third of its TTL): a pass need not renew it. */
  private leaseSureUntil = 0;
  /** The live batch pushed last, to be marked published by the next live pass. */
  private publishedUnmarked: string[] = [];
  /** The live lane's own connection: a board's push never queues behind placements waiting for the pool. */
  private readonly liveSql: DedicatedSql;
  private readonly redeliverAfterMs: number;
  private readonly processors: readonly Pick<EventProcessor, 'name' | 'handles'>[];
  private nextSweepAt = 0;
  /** Told how many events a sweep forwarded again (the server's metrics count them). */
  onRedelivered: (count: number) => void = () => undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 500;
    this.batch = options.batch ?? 500;
    // Renewed at every poll; a crashed holder delays publishing by at most this long.
    this.leaseTtlMs = options.leaseTtlMs ?? 5_000;
    this.liveSql = new DedicatedSql(forkEm(orm));
    this.redeliverAfterMs = options.redeliverAfterMs ?? 60_000;
    this.processors = options.processors ?? [];
  }

  addPublisher(publisher: EventPublisher): void {
    this.publishers.push(publisher);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    // Every commit that appended events kicks the relay (core/src/outbox/events-committed.ts): no caller has to.
    this.stopListening ??= onEventsCommitted(this.orm, () => this.kick());
    this.kick();
  }

  /** Asks both lanes for a drain soon; kicks made while one is queued coalesce into it. */
  kick(): void {
    if (this.stopped) return;
    this.lanes.live.kick(
      async () => {
        while ((await this.livePass()) === this.batch);
      },
      (err) => this.logger.error({ err }, 'outbox relay pass failed; retrying at the next poll'),
    );
    this.lanes.durable.kick(
      async () => {
        while ((await this.durablePass()) === this.batch);
        if (Date.now() >= this.nextSweepAt) await this.sweep();
      },
      (err) => this.logDurableError(err),
    );
  }

  /** Resolves when everything committed before the call has been delivered on both lanes (tests, shutdown). */
  async flush(): Promise<void> {
    await this.lanes.live.run(async () => {
      while ((await this.livePass()) > 0);
    });
    await this.lanes.durable.run(async () => {
      try {
        while ((await this.durablePass()) > 0);
      } catch (err) {
        this.logDurableError(err);
      }
    });
  }

  /** Stops after the current passes and hands the lease back, so another instance takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    this.stopListening = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([this.lanes.live.idle(), this.lanes.durable.idle()]);
    if (this.publishedUnmarked.length > 0) {
      const published = this.publishedUnmarked;
      this.publishedUnmarked = [];
      await this.liveSql
        .transaction((sql) => markDelivered(sql, 'live', published, new Date()))
        .catch((err: unknown) => this.logger.warn({ err }, 'last live batch not marked; it will be pushed again'));
    }
    await this.liveSql.close();
    this.leaseSureUntil = 0;
    await releaseRelayLease(sqlOf(forkEm(this.orm)), this.holder).catch((err: unknown) =>
      this.logger.warn({ err }, 'relay lease not released'),
    );
  }

  /**
   * Takes or renews the lease; the holder alone sequences and delivers. `published`: the live lane's previous
   * batch, marked in this same transaction.
   */
  private async lead(db: LaneSql, sequence: boolean, published: readonly string[] = []): Promise<boolean> {
    const now = Date.now();
    // Under a surely-held lease a pass writes nothing unless it has something to mark or to sequence: a durable
    // pass, or a live pass that finds every event sequenced, needs no transaction (one commit less per pass).
    if (published.length === 0 && now < this.leaseSureUntil && (!sequence || !(await db.session((sql) => hasUnsequencedEvents(sql))))) {
      return true;
    }
    const held = await db.transaction(async (sql) => {
      if (published.length > 0) await markDelivered(sql, 'live', published, new Date(now));
      if (!(await acquireRelayLease(sql, this.holder, new Date(now), this.leaseTtlMs))) return false;
      if (sequence) await sequencePendingEvents(sql, this.batch);
      return true;
    });
    this.leaseSureUntil = held ? now + this.leaseTtlMs / 3 : 0;
    return held;
  }

  /**
   * Sequences new events and pushes a batch to the live publishers. Returns how many were pushed. The batch is
   * marked published by the next pass's transaction (a kick, or the poll within `pollMs`), not by one of its
   * own: one commit per pass instead of two. A crash in between pushes the batch again, which boards drop by seq.
   */
  private async livePass(): Promise<number> {
    const published = this.publishedUnmarked;
    const held = await this.lead(this.liveSql, true, published);
    this.publishedUnmarked = [];
    if (!held) return 0;
    const events = await this.liveSql.session((sql) => pendingEvents(sql, 'live', this.batch));
    if (events.length === 0) return 0;
    for (const publisher of this.publishers) if (publisher.delivery === 'live') await publisher.publish(events);
    this.publishedUnmarked = events.map((e) => e.id);
    return events.length;
  }

  /** Hands a batch to the durable publishers. Throws when one fails (the batch stays pending). */
  private async durablePass(): Promise<number> {
    const em = forkEm(this.orm);
    const pooled: LaneSql = { transaction: (work) => sqlTransaction(em, work), session: (work) => work(sqlOf(em)) };
    if (!(await this.lead(pooled, false))) return 0;
    return this.deliverDurable(pooled);
  }

  private logDurableError(err: unknown): void {
    const now = Date.now();
    if (now - this.lastDurableError > 30_000) this.logger.warn({ err }, 'durable event delivery failed; events wait in the outbox');
    this.lastDurableError = now;
  }

  private async deliverDurable(db: LaneSql): Promise<number> {
    const events = await db.session((sql) => pendingEvents(sql, 'durable', this.batch));
    if (events.length === 0) return 0;
    const durable = this.publishers.filter((p) => p.delivery === 'durable');
    for (const publisher of durable) await publisher.publish(events);
    const ids = events.map((e) => e.id);
    const now = new Date();
    await db.transaction(async (sql) => {
      await markDelivered(sql, 'durable', ids, now);
      if (durable.length > 0 && durable.every((p) => p.appliesBeforeResolving)) await markApplied(sql, ids, now);
    });
    return events.length;
  }

  /**
   * Delivery ends at the consumer: events forwarded more than `redeliverAfterMs` ago are checked against
   * `processed_event`. Those every handling processor applied are marked applied; the others are forwarded again
   * (safe: processors apply each event once) and stamped with a new `forwarded_at`, so each is looked at again
   * only after another timeout. Returns how many were forwarded again.
   */
  async sweep(): Promise<number> {
    this.nextSweepAt = Date.now() + Math.max(this.pollMs, this.redeliverAfterMs / 4);
    const durable = this.publishers.filter((p) => p.delivery === 'durable');
    if (durable.length === 0) return 0;
    const em = forkEm(this.orm);
    const pooled: LaneSql = { transaction: (work) => sqlTransaction(em, work), session: (work) => work(sqlOf(em)) };
    if (!(await this.lead(pooled, false))) return 0;
    let resent = 0;
    for (;;) {
      const now = new Date();
      const events = await pooled.session((sql) =>
        forwardedUnappliedEvents(sql, new Date(now.getTime() - this.redeliverAfterMs), this.batch),
      );
      if (events.length === 0) break;
      const missing = await pooled.session((sql) => this.notYetApplied(sql, events));
      const lost = events.filter((e) => missing.has(e.id));
      if (lost.length > 0) for (const publisher of durable) await publisher.publish(lost);
      await pooled.transaction(async (sql) => {
        await markApplied(
          sql,
          events.filter((e) => !missing.has(e.id)).map((e) => e.id),
          now,
        );
        await markDelivered(
          sql,
          'durable',
          lost.map((e) => e.id),
          now,
        );
      });
      resent += lost.length;
      if (events.length < this.batch) break;
    }
    if (resent > 0) {
      this.logger.warn(
        { resent, afterMs: this.redeliverAfterMs },
        'outbox sweeper: forwarded again events that a processor had not applied',
      );
      this.onRedelivered(resent);
    }
    return resent;
  }

  /**
   * Ids of the events that some processor handling their type has neither applied nor set aside (a poison event
   * in `event_failure` is not forwarded again).
   */
  private async notYetApplied(sql: SqlSession, events: readonly DomainEvent[]): Promise<Set<string>> {
    const missing = new Set<string>();
    const aside = await setAsideOf(
      sql,
      events.map((e) => e.id),
    );
    for (const processor of this.processors) {
      const handled = events.filter((e) => processor.handles.includes(e.type));
      if (handled.length === 0) continue;
      const applied = await appliedBy(
        sql,
        processor.name,
        handled.map((e) => e.id),
      );
      for (const event of handled) if (!applied.has(event.id) && !isSetAside(aside, processor.name, event.id)) missing.add(event.id);
    }
    return missing;
  }
}

/** A serial lane of work: runs one job at a time; kicks made while one is queued coalesce into it. */
class Lane {
  private chain: Promise<void> = Promise.resolve();
  private pending = false;

  /**
   * `gatherMs`: how long a kicked pass waits before it starts, while later kicks join it, so that under load one
   * pass carries many events. 0 starts at once (the live lane: waiting for the event loop's next turn made board
   * pushes wait tens of milliseconds under load, measured).
   */
  constructor(private readonly gatherMs: number) {}

  kick(job: () => Promise<void>, onError: (err: unknown) => void): void {
    if (this.pending) return;
    this.pending = true;
    void this.run(async () => {
      if (this.gatherMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, this.gatherMs));
      this.pending = false;
      await job();
    }).catch(onError);
  }

  run(job: () => Promise<void>): Promise<void> {
    const run = this.chain.then(job);
    this.chain = run.catch(() => undefined);
    return run;
  }

  idle(): Promise<void> {
    return this.chain;
  }
}
