import type { DomainEvent } from '../events/domain-events';

/**
 * Applies a store's events exactly once and in `seq` order, whatever order they arrive in: live pushes,
 * catch-up pages after a reconnect, and duplicates of both. Socket.IO delivers at most once and may interleave
 * a live push with a catch-up page, so a board never trusts arrival order: it keeps the last contiguous seq it
 * applied, holds events that jump ahead, and reports the gap so the caller asks `events:since` for it (I8).
 */
export class SeqTracker {
  private applied: number;
  private readonly held = new Map<number, DomainEvent>();

  constructor(lastSeq = 0) {
    this.applied = lastSeq;
  }

  /** The last seq applied: send it as `lastSeq` when (re)connecting. */
  get lastSeq(): number {
    return this.applied;
  }

  /** Whether events are held behind a gap (the caller should fetch `events:since` lastSeq). */
  get hasGap(): boolean {
    return this.held.size > 0;
  }

  /**
   * Offers events; returns the ones to apply now, in seq order. Duplicates and events at or below the
   * applied seq are dropped.
   */
  offer(events: readonly DomainEvent[]): DomainEvent[] {
    for (const event of events) {
      if (event.seq > this.applied) this.held.set(event.seq, event);
    }
    const ready: DomainEvent[] = [];
    for (let next = this.held.get(this.applied + 1); next; next = this.held.get(this.applied + 1)) {
      this.held.delete(next.seq);
      this.applied = next.seq;
      ready.push(next);
    }
    return ready;
  }
}
