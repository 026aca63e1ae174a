import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { BoardSnapshotDto, OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { EventsPage } from '@hiorder/domain/realtime/realtime';
import { SeqTracker } from '@hiorder/domain/realtime/seq-tracker';
import { boardReducer, emptyBoard, type BoardAction, type BoardState } from './board-state';

const APPLIED_IDS_KEPT = 5000;

/** What the screen says about the link to the server. */
export type LinkStatus = 'connecting' | 'syncing' | 'live' | 'reconnecting';

export interface BoardSnapshot {
  state: BoardState;
  status: LinkStatus;
  lastSeq: number;
}

export interface BoardStoreOptions {
  /** A kitchen display's snapshot lists no visits, so it says nothing about which are closed. */
  viewer?: 'board' | 'kitchen';
  now?: () => Date;
  /** Called once per order that becomes paid while the board is live (the sound). */
  onNewPaid?: (orders: OrderDto[]) => void;
  /** Called when events are missing: ask the server for `events:since` this seq, then call `page()`. */
  onCatchUp?: (lastSeq: number) => void;
}

/**
 * The board's store: the pure reducer behind a SeqTracker, so events are applied once and in seq order
 * whatever order pushes, replays and catch-up pages arrive in. It knows nothing of sockets; the realtime
 * connection feeds it and answers its catch-up requests (so tests drive it directly).
 *
 * A kitchen display only receives kitchen events, so its seqs have holes that are not losses. A hole is
 * therefore never trusted nor skipped on a guess: it is asked about with `events:since`, and only the
 * server's page (complete up to `page.lastSeq` when `more` is false) moves the tracker past it.
 *
 * A board starts from `GET /api/board` (`start`), not from seq 0: the snapshot's `lastSeq` is where the tracker
 * begins, and the handshake then replays only what came after it.
 */
export class BoardStore {
  private tracker: SeqTracker;
  private readonly held = new Map<number, DomainEvent>();
  /** Ids of recently applied events, so an event arriving after the tracker moved past it is still applied once. */
  private readonly appliedIds = new Set<string>();
  private snapshot: BoardSnapshot;
  private readonly listeners = new Set<() => void>();
  private initialSyncDone = false;
  private catchUpInFlight = false;
  private readonly now: () => Date;
  private readonly viewer: 'board' | 'kitchen';
  private readonly onNewPaid: (orders: OrderDto[]) => void;
  private onCatchUp: (lastSeq: number) => void;

  constructor(options: BoardStoreOptions = {}, lastSeq = 0, initial: BoardState = emptyBoard) {
    this.tracker = new SeqTracker(lastSeq);
    this.now = options.now ?? (() => new Date());
    this.viewer = options.viewer ?? 'board';
    this.onNewPaid = options.onNewPaid ?? (() => undefined);
    this.onCatchUp = options.onCatchUp ?? (() => undefined);
    this.snapshot = { state: initial, status: 'connecting', lastSeq };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): BoardSnapshot => this.snapshot;

  /** The seq to send as `lastSeq` in the handshake. */
  get lastSeq(): number {
    return this.tracker.lastSeq;
  }

  get live(): boolean {
    return this.initialSyncDone;
  }

  /**
   * Seeds the board from `GET /api/board` before the socket connects. The tracker starts at the snapshot's
   * `lastSeq` (never moves back if events were already applied past it); on a board, an order of a visit
   * that is not listed open belongs to a closed visit. Paid orders and calls nobody acknowledged ring (`selectAlarms`).
   */
  start(snapshot: BoardSnapshotDto): void {
    if (snapshot.lastSeq > this.tracker.lastSeq) {
      this.tracker = new SeqTracker(snapshot.lastSeq);
      for (const seq of this.held.keys()) if (seq <= snapshot.lastSeq) this.held.delete(seq);
    }
    const open = new Set(snapshot.visits.map((v) => v.id));
    const closedVisitIds =
      this.viewer === 'kitchen' ? [] : [...new Set(snapshot.orders.map((o) => o.visitId))].filter((id) => !open.has(id));
    const seeded = boardReducer(this.snapshot.state, {
      type: 'snapshot',
      orders: snapshot.orders,
      closedVisitIds,
      acknowledgedOrderIds: snapshot.acknowledgedOrderIds,
    });
    // Calls made before the board opened, still recent and not acknowledged: they ring until someone does.
    const state = boardReducer(seeded, {
      type: 'events',
      events: snapshot.recentStaffCalls ?? [],
      live: false,
      now: this.now().toISOString(),
    });
    this.set({ state, lastSeq: this.tracker.lastSeq });
  }

  /** Local actions: the answer to the board's own commands, dismissing a call, seeing a new order. */
  dispatch(action: Exclude<BoardAction, { type: 'events' }>): void {
    this.set({ state: boardReducer(this.snapshot.state, action) });
  }

  setStatus(status: LinkStatus): void {
    if (status !== 'live') this.catchUpInFlight = false;
    if (status !== this.snapshot.status) this.set({ status });
  }

  /** `store:event` pushes (live or replayed on connect). */
  receive(events: readonly DomainEvent[]): void {
    this.offer(events);
    this.requestCatchUpIfNeeded();
  }

  /** `sync:done`: the replay of this connection is over; the server was at `lastSeq` then. */
  syncDone(lastSeq: number): void {
    this.initialSyncDone = true;
    if (lastSeq > this.tracker.lastSeq) {
      // Either a filtered hole (kitchen) or a loss: only a page can tell, so ask.
      this.startCatchUp();
    } else {
      this.setStatus('live');
    }
  }

  /** The answer to `events:since`. */
  page(page: EventsPage): void {
    this.catchUpInFlight = false;
    this.offer(page.events);
    const maxInPage = page.events.reduce((max, e) => Math.max(max, e.seq), 0);
    // The page is complete up to its last event, and up to the store's seq when nothing more is pending.
    this.advanceTo(page.more ? maxInPage : Math.max(maxInPage, page.lastSeq));
    if (page.more || this.held.size > 0) {
      this.startCatchUp();
    } else if (this.initialSyncDone && this.snapshot.status === 'syncing') {
      this.setStatus('live');
    }
  }

  /** A catch-up request failed (timeout, error): allow the next attempt. */
  catchUpFailed(): void {
    this.catchUpInFlight = false;
  }

  /** Asks again after a failed catch-up. */
  retryCatchUp(): void {
    this.startCatchUp();
  }

  /** Who answers catch-up requests (the socket connection, once it exists). */
  setCatchUp(onCatchUp: (lastSeq: number) => void): void {
    this.onCatchUp = onCatchUp;
  }

  private offer(events: readonly DomainEvent[]): void {
    // A page's `lastSeq` can run ahead of its events (an event published while the page was read): the
    // tracker then passes a seq whose push is still on its way. Such a late event is applied by id; the
    // merge keeps the most advanced state of each order, so applying it late can move nothing backwards.
    const late = events.filter((e) => e.seq <= this.tracker.lastSeq && !this.appliedIds.has(e.id));
    this.apply(late.filter((e, i) => late.findIndex((x) => x.id === e.id) === i));
    for (const e of events) if (e.seq > this.tracker.lastSeq) this.held.set(e.seq, e);
    this.apply(this.tracker.offer(events));
  }

  private advanceTo(seq: number): void {
    if (seq <= this.tracker.lastSeq) return;
    const held = [...this.held.values()].sort((a, b) => a.seq - b.seq);
    // Held events up to `seq` are real; the holes between them are events this viewer does not receive.
    const covered = held.filter((e) => e.seq <= seq);
    const later = held.filter((e) => e.seq > seq);
    this.tracker = new SeqTracker(seq);
    this.held.clear();
    this.apply(covered);
    for (const e of later) this.held.set(e.seq, e);
    this.apply(this.tracker.offer(later));
    this.set({ lastSeq: this.tracker.lastSeq });
  }

  private apply(ready: readonly DomainEvent[]): void {
    if (ready.length === 0) return;
    for (const e of ready) {
      this.held.delete(e.seq);
      this.appliedIds.add(e.id);
    }
    for (const id of this.appliedIds) {
      if (this.appliedIds.size <= APPLIED_IDS_KEPT) break;
      this.appliedIds.delete(id);
    }
    const before = this.snapshot.state;
    const live = this.initialSyncDone;
    const state = boardReducer(before, { type: 'events', events: ready, live, now: this.now().toISOString() });
    this.set({ state, lastSeq: this.tracker.lastSeq });
    if (live) {
      const newlyPaid = ready.flatMap((e) =>
        e.type === 'order.paid' && state.fresh[e.payload.order.id] && !before.fresh[e.payload.order.id] ? [e.payload.order] : [],
      );
      if (newlyPaid.length > 0) this.onNewPaid(newlyPaid);
    }
  }

  private requestCatchUpIfNeeded(): void {
    if (this.tracker.hasGap || this.held.size > 0) this.startCatchUp();
  }

  private startCatchUp(): void {
    if (this.catchUpInFlight) return;
    this.catchUpInFlight = true;
    this.onCatchUp(this.tracker.lastSeq);
  }

  private set(patch: Partial<BoardSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }
}
