import { randomBytes } from 'node:crypto';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { JsonHttpClient } from './http-client';
import { LatencySamples, sleep } from './latency';
import type { OrderLedger } from './order-ledger';
import { randomCart, type BenchStore, type PairedTablet } from './store-setup';
import { RequestStats, type AckClock, type BenchTablet } from './tablet';

export function idempotencyKey(): string {
  return `bench-${randomBytes(9).toString('base64url')}`;
}

/**
 * Staff clear a table after a few orders, as guests leave: without it a bench visit grows to hundreds of orders,
 * and every placement re-reads the whole visit for the per-visit rules, which no restaurant does.
 */
export class VisitCloser {
  private readonly ordersByTable = new Map<string, number>();
  closed = 0;
  failed = 0;

  constructor(
    private readonly api: JsonHttpClient,
    private readonly staffToken: string,
    private readonly ordersPerVisit: number,
  ) {}

  async afterOrder(tableId: string): Promise<void> {
    const n = (this.ordersByTable.get(tableId) ?? 0) + 1;
    this.ordersByTable.set(tableId, n % this.ordersPerVisit);
    if (n % this.ordersPerVisit !== 0) return;
    // Staff housekeeping beside the measured traffic: a failure is counted, never allowed to stop a guest.
    try {
      // Forced: the bench's guests leave with orders still cooking or unpaid, as hurried guests do.
      const reply = await this.api.send('POST', `/api/tables/${tableId}/close-visit`, { token: this.staffToken, body: { force: true } });
      if (reply.status === 204) this.closed += 1;
      else this.failed += 1;
    } catch {
      this.failed += 1;
    }
  }
}

export interface TabletPhaseResult {
  seconds: number;
  placed: number;
  paid: number;
  declined: number;
  placement: RequestStats;
  payment: RequestStats;
  ackClock: AckClock;
}

/**
 * The realistic run: every tablet, in a closed loop until the deadline, places a 1–5 line cart (BUSY retried
 * after retryAfterMs), authorises a card at the sandbox (a share declines) and pays; staff close the visit every
 * few orders. Closed loop, so the rate found is what the server sustains with this many tablets.
 */
export async function runTabletPhase(input: {
  tablets: readonly BenchTablet[];
  store: BenchStore;
  ledger: OrderLedger;
  closer: VisitCloser;
  durationMs: number;
  declineShare: number;
}): Promise<TabletPhaseResult> {
  const sandbox = new JsonHttpClient(input.store.sandboxUrl, 64);
  const placement = new RequestStats();
  const payment = new RequestStats();
  const ackClock: AckClock = new Map();
  const started = performance.now();
  const deadline = started + input.durationMs;
  let placed = 0;
  const paidBefore = input.ledger.paid.size;
  const declinedBefore = input.ledger.declined.size;
  const guest = async (tablet: BenchTablet) => {
    while (performance.now() < deadline) {
      const order = await tablet.place(
        { idempotencyKey: idempotencyKey(), lines: randomCart(input.store) },
        placement,
        input.ledger,
        ackClock,
        deadline,
      );
      if (!order) continue;
      placed += 1;
      const card = Math.random() < input.declineShare ? SANDBOX_CARDS.decline : SANDBOX_CARDS.approve;
      await tablet.pay(order, card, sandbox, payment, input.ledger, ackClock);
      await input.closer.afterOrder(tablet.paired.tableId);
    }
  };
  await Promise.all(input.tablets.map(guest));
  const seconds = (performance.now() - started) / 1000;
  sandbox.close();
  return {
    seconds,
    placed,
    paid: input.ledger.paid.size - paidBefore,
    declined: input.ledger.declined.size - declinedBefore,
    placement,
    payment,
    ackClock,
  };
}

export interface PeerRunResult {
  seconds: number;
  requests: number;
  ok: number;
  nonOk: Map<number, number>;
  socketErrors: number;
  latency: LatencySamples;
}

/**
 * The peer's shape: plain HTTP `POST /api/orders` at a fixed concurrency for a fixed time (siege -c 20), each
 * worker its own paired tablet. Availability = 2xx / all requests; BUSY counts as unavailable here, as siege would.
 */
export async function runPeerHttpPhase(input: {
  baseUrl: string;
  tablets: readonly PairedTablet[];
  store: BenchStore;
  ledger: OrderLedger;
  closer: VisitCloser;
  concurrency: number;
  durationMs: number;
}): Promise<PeerRunResult> {
  const client = new JsonHttpClient(input.baseUrl, input.concurrency);
  const latency = new LatencySamples();
  const nonOk = new Map<number, number>();
  let requests = 0;
  let ok = 0;
  let socketErrors = 0;
  const started = performance.now();
  const deadline = started + input.durationMs;
  const worker = async (tablet: PairedTablet) => {
    while (performance.now() < deadline) {
      // Not `recordSent`: like siege, the peer run never resends a refused request, so an unacked key here is an
      // unavailable reply (counted below), not a guest left waiting. An order made behind a non-2xx still shows up
      // as an order without an ack.
      const key = idempotencyKey();
      const sent = performance.now();
      requests += 1;
      try {
        const reply = await client.send<OrderDto>('POST', '/api/orders', {
          token: tablet.deviceToken,
          body: { idempotencyKey: key, lines: randomCart(input.store, 3) },
        });
        latency.add(performance.now() - sent);
        if (reply.status === 201) {
          ok += 1;
          input.ledger.recordAck(tablet.deviceId, key, reply.body.id);
          await input.closer.afterOrder(tablet.tableId);
        } else {
          nonOk.set(reply.status, (nonOk.get(reply.status) ?? 0) + 1);
        }
      } catch {
        socketErrors += 1;
      }
    }
  };
  await Promise.all(input.tablets.slice(0, input.concurrency).map(worker));
  const seconds = (performance.now() - started) / 1000;
  client.close();
  return { seconds, requests, ok, nonOk, socketErrors, latency };
}

export interface StormResult {
  offeredPerSecond: number;
  targetPerSecond: number;
  seconds: number;
  guests: number;
  acked: number;
  gaveUp: number;
  placement: RequestStats;
}

/**
 * The overload storm: guests arrive open-loop at `ratePerSecond` (a multiple of the sustainable rate) for the
 * duration, each one a placement that retries BUSY after retryAfterMs, like the tablet's outbox, until acked or
 * `graceMs` after the storm. Every reply is timed, BUSY included.
 */
export async function runStormPhase(input: {
  tablets: readonly BenchTablet[];
  store: BenchStore;
  ledger: OrderLedger;
  closer: VisitCloser;
  ratePerSecond: number;
  durationMs: number;
  graceMs: number;
}): Promise<StormResult> {
  const placement = new RequestStats();
  const started = performance.now();
  const end = started + input.durationMs;
  const deadline = end + input.graceMs;
  const guests: Promise<void>[] = [];
  let acked = 0;
  let gaveUp = 0;
  let next = 0;
  const arrive = () => {
    const tablet = input.tablets[next++ % input.tablets.length] as BenchTablet;
    guests.push(
      tablet
        .place({ idempotencyKey: idempotencyKey(), lines: randomCart(input.store) }, placement, input.ledger, null, deadline)
        .then(async (order) => {
          if (!order) {
            gaveUp += 1;
            return;
          }
          acked += 1;
          await input.closer.afterOrder(tablet.paired.tableId);
        }),
    );
  };
  // Arrivals on a 10 ms tick: the count due by now minus the count sent, so a late tick catches up.
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - started) / 1000) * input.ratePerSecond);
    while (next < due) arrive();
    await sleep(10);
  }
  const offered = next / ((performance.now() - started) / 1000);
  await Promise.all(guests);
  return {
    offeredPerSecond: offered,
    targetPerSecond: input.ratePerSecond,
    seconds: (performance.now() - started) / 1000,
    guests: next,
    acked,
    gaveUp,
    placement,
  };
}
