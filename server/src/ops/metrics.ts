import { DomainError } from '@hiorder/domain/shared/errors';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppDeps } from '../app-deps';
import { forkEm, sqlOf, statementCount } from '@hiorder/core/db';
import { outboxBacklog, eventFailureCount } from '@hiorder/core/outbox';
import type { RealtimeServer } from '../realtime/realtime-server';

/**
 * Prometheus metrics of one server app. Each app has its own `Registry` (never prom-client's global one), so
 * several apps in one test process don't clash and each `/metrics` shows only its own instance.
 */
export interface AppMetrics {
  registry: Registry;
  /** Starts reporting connected sockets per namespace (the realtime server exists after the HTTP stack). */
  watchSockets(realtime: RealtimeServer): void;
}

const CIRCUIT_STATES = ['closed', 'half_open', 'open'] as const;

/** A replayed placement (same idempotency key) returns the first order: it is counted apart, not as a new order. */
function isReplay(result: unknown): boolean {
  return typeof result === 'object' && result !== null && 'replayed' in result && result.replayed === true;
}

/**
 * Creates the registry and hooks it to admission control (placements, BUSY) and the payment gateway (confirm
 * outcomes, breaker). Outbox backlog and lag are read from the database at scrape time, so every instance
 * reports the same shared backlog; a failing query leaves them unset rather than failing the scrape.
 */
export function createAppMetrics(deps: AppDeps): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const placed = new Counter({
    name: 'hiorder_orders_placed_total',
    help: 'Placements acknowledged by this instance',
    labelNames: ['replayed'],
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'hiorder_orders_rejected_total',
    help: 'Placements refused, by error code (BUSY included)',
    labelNames: ['code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'hiorder_order_placement_seconds',
    help: 'Time from admission to the committed placement (or its refusal)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const busy = new Counter({
    name: 'hiorder_busy_replies_total',
    help: 'Placements turned away by admission control',
    labelNames: ['reason'],
    registers: [registry],
  });
  const payments = new Counter({
    name: 'hiorder_payment_confirms_total',
    help: 'Payment confirm calls by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });

  deps.admission.onSettled = (outcome, seconds) => {
    latency.observe(seconds);
    if (outcome.ok) placed.inc({ replayed: String(isReplay(outcome.result)) });
    else rejected.inc({ code: outcome.error instanceof DomainError ? outcome.error.code : 'INTERNAL' });
  };
  deps.admission.onBusy = (reason) => {
    busy.inc({ reason });
    rejected.inc({ code: 'BUSY' });
  };
  deps.gateway.onConfirmOutcome = (outcome) => payments.inc({ outcome });
  const redelivered = new Counter({
    name: 'hiorder_outbox_redelivered_events_total',
    help: 'Events forwarded again by the outbox sweeper because a processor had not applied them in time (lost jobs)',
    registers: [registry],
  });
  deps.relay.onRedelivered = (count) => redelivered.inc(count);
  let statementsReported = 0;
  new Counter({
    name: 'hiorder_db_statements_total',
    help: "Statements this process sent on the database driver's own path (hot paths and repositories; not the ORM's unit of work)",
    registers: [registry],
    collect() {
      const now = statementCount();
      this.inc(now - statementsReported);
      statementsReported = now;
    },
  });

  new Gauge({
    name: 'hiorder_payment_circuit_state',
    help: 'Payment provider circuit breaker: 1 for the current state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const current = deps.gateway.circuitState;
      for (const state of CIRCUIT_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });
  new Gauge({
    name: 'hiorder_admission_in_flight',
    help: 'Placements running now on this instance',
    registers: [registry],
    collect() {
      this.set(deps.admission.current.inFlight);
    },
  });

  new Gauge({
    name: 'hiorder_event_failures',
    help: 'Poison events set aside by the workers (event_failure): a processor threw on them EVENT_MAX_ATTEMPTS times; GET /api/ops/event-failures lists them',
    registers: [registry],
    async collect() {
      const count = await eventFailureCount(sqlOf(forkEm(deps.orm))).catch(() => null);
      if (count !== null) this.set(count);
    },
  });

  // One query serves both outbox gauges; each scrape starts it once.
  let backlogRead: Promise<{ count: number; oldest: Date | null } | null> | null = null;
  const readBacklog = () => {
    backlogRead ??= outboxBacklog(sqlOf(forkEm(deps.orm)))
      .catch(() => null)
      .finally(() => setTimeout(() => (backlogRead = null), 0));
    return backlogRead;
  };
  new Gauge({
    name: 'hiorder_outbox_backlog_events',
    help: 'Committed events not yet published (all instances share one outbox)',
    registers: [registry],
    async collect() {
      const backlog = await readBacklog();
      if (backlog) this.set(backlog.count);
    },
  });
  new Gauge({
    name: 'hiorder_outbox_lag_seconds',
    help: 'Age of the oldest unpublished event (0 when none)',
    registers: [registry],
    async collect() {
      const backlog = await readBacklog();
      if (backlog) this.set(backlog.oldest ? Math.max(0, (deps.now().getTime() - backlog.oldest.getTime()) / 1000) : 0);
    },
  });

  let realtime: RealtimeServer | null = null;
  new Gauge({
    name: 'hiorder_sockets_connected',
    help: 'Sockets connected to this instance, by namespace',
    labelNames: ['namespace'],
    registers: [registry],
    collect() {
      if (!realtime) return;
      this.set({ namespace: 'tablet' }, realtime.tablet.sockets.size);
      this.set({ namespace: 'staff' }, realtime.staff.sockets.size);
    },
  });

  return {
    registry,
    watchSockets(server) {
      realtime = server;
    },
  };
}
