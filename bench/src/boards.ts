import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { io, type Socket } from 'socket.io-client';
import { LatencySamples } from './latency';
import type { AckClock } from './tablet';

/** Events whose arrival on the boards is timed: a new order, and a paid one (the kitchen's cue). */
const TIMED_EVENTS = new Set(['order.placed', 'order.paid']);

/**
 * K staff boards on `/staff`, as the admin app's order board connects. Each records when it first saw each timed
 * event; joined with the tablets' ack times afterwards, that gives the push latency tablet-ack → board.
 */
export class BoardWatchers {
  private readonly sockets: Socket[] = [];
  private readonly arrivals: Map<string, number>[] = [];
  private tracking = false;

  static async connect(baseUrl: string, staffToken: string, count: number): Promise<BoardWatchers> {
    const boards = new BoardWatchers();
    for (let i = 0; i < count; i++) {
      const socket = io(`${baseUrl}/staff`, { auth: { token: staffToken, lastSeq: 0 }, transports: ['websocket'], forceNew: true });
      const seen = new Map<string, number>();
      socket.on('store:event', (event: DomainEvent) => {
        if (!boards.tracking || !TIMED_EVENTS.has(event.type) || !('order' in event.payload)) return;
        const key = `${event.type}:${event.payload.order.id}`;
        if (!seen.has(key)) seen.set(key, performance.now());
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('sync:done', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
      boards.sockets.push(socket);
      boards.arrivals.push(seen);
    }
    return boards;
  }

  track(on: boolean): void {
    this.tracking = on;
  }

  /**
   * Latency from each tablet ack to each board's receipt, for one event type. A push that beat its ack counts as
   * 0 ms (the board had it no later than the guest). `missed` counts acks a board never received.
   */
  pushLatency(ackClock: AckClock, type: 'order.placed' | 'order.paid'): { samples: LatencySamples; missed: number } {
    const samples = new LatencySamples();
    let missed = 0;
    for (const [key, ackedAt] of ackClock) {
      if (!key.startsWith(`${type}:`)) continue;
      for (const seen of this.arrivals) {
        const at = seen.get(key);
        if (at === undefined) missed += 1;
        else samples.add(Math.max(0, at - ackedAt));
      }
    }
    return { samples, missed };
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }
}
