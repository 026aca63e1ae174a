import type { OrderDto, OrderPlace } from '@hiorder/domain/ordering/ordering.schemas';
import type { Ack } from '@hiorder/domain/shared/errors';
import { db, type OutboxRow } from '../db/db';
import { recordPlacedOrder } from '../ordering/actions';
import { dueRows, nextWakeUp, transition } from './outbox-machine';

/** How the pusher reaches the server: `order:place` with an ack. Rejects when no answer came (timeout, disconnect). */
export interface PlaceTransport {
  connected(): boolean;
  place(input: OrderPlace): Promise<Ack<OrderDto>>;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Rows left `sending` by a closed page may have reached the server: they go back to the queue, same key. */
export async function recoverInterruptedSends(now: number): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const stuck = await db.outbox.where('state').equals('sending').toArray();
    for (const row of stuck) await db.outbox.put(transition(row, { type: 'recovered' }, now));
  });
}

/**
 * Sends every due outbox row once, oldest first, and records each answer through the state machine. Stops
 * at the first row that gets no answer: the connection is likely gone and the rest would fail the same way.
 */
export async function pushDueRows(transport: PlaceTransport, clock: Pick<Clock, 'now'> = realClock): Promise<void> {
  const rows = dueRows(await db.outbox.toArray(), clock.now());
  for (const due of rows) {
    if (!transport.connected()) return;
    const sending = await claim(due.id, clock.now());
    if (!sending) continue;
    let answer: Ack<OrderDto>;
    try {
      answer = await transport.place(sending.input);
    } catch (err) {
      await db.outbox.put(transition(sending, { type: 'no_answer', reason: String(err) }, clock.now()));
      return;
    }
    if (answer.ok) await recordPlacedOrder(transition(sending, { type: 'acked', orderId: answer.data.id }, clock.now()), answer.data);
    else await db.outbox.put(transition(sending, { type: 'refused', error: answer.error }, clock.now()));
  }
}

/** Moves a row to `sending` unless someone else already did (two pushes racing each other). */
async function claim(id: string, now: number): Promise<OutboxRow | null> {
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(id);
    if (!row || (row.state !== 'queued' && row.state !== 'busy') || row.nextAttemptAt > now) return null;
    const next = transition(row, { type: 'send' }, now);
    await db.outbox.put(next);
    return next;
  });
}

/**
 * Runs `pushDueRows` whenever it is kicked (a new row, a reconnect) and when the earliest waiting row falls
 * due (backoff, BUSY countdown). One push at a time; a kick during a push runs another right after it.
 */
export class OutboxPusher {
  private running = false;
  private again = false;
  private timer: unknown = null;
  private stopped = false;

  constructor(
    private readonly transport: PlaceTransport,
    private readonly clock: Clock = realClock,
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Resolves when the current push (and any it queued) is over; for tests. */
  async idle(): Promise<void> {
    while (this.running) await new Promise((r) => globalThis.setTimeout(r, 5));
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await pushDueRows(this.transport, this.clock);
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
    }
    await this.schedule();
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const at = nextWakeUp(await db.outbox.toArray());
    if (at === null || !this.transport.connected()) return;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        this.kick();
      },
      Math.max(0, at - this.clock.now()),
    );
  }
}
