import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { Ack } from '@hiorder/domain/shared/errors';
import { io, type Socket } from 'socket.io-client';
import { type JsonHttpClient } from './http-client';
import { LatencySamples, sleep } from './latency';
import type { OrderLedger } from './order-ledger';
import type { PairedTablet } from './store-setup';

/** Counters of one kind of request (placement or payment) over a phase. */
export class RequestStats {
  /** Every reply, BUSY included: the storm's "p99 of every reply". */
  readonly replies = new LatencySamples();
  /** From the guest's tap to the accepting ack, BUSY waits and retries included. */
  readonly tapToAck = new LatencySamples();
  busy = 0;
  readonly errors = new Map<string, number>();

  countError(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  get errorCount(): number {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }
}

/** When each order's ack reached its tablet, by `<event type>:<order id>`: the start of the board push latency. */
export type AckClock = Map<string, number>;

const ACK_TIMEOUT_MS = 15_000;

/**
 * One simulated tablet on `/tablet`: it places with an idempotency key and, like the real tablet's outbox, resends
 * the same key after `retryAfterMs` on BUSY and after a lost ack, until acked or the deadline.
 */
export class BenchTablet {
  private constructor(
    readonly paired: PairedTablet,
    private readonly socket: Socket,
  ) {}

  static async connect(baseUrl: string, paired: PairedTablet): Promise<BenchTablet> {
    const socket = io(`${baseUrl}/tablet`, {
      auth: { token: paired.deviceToken },
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    return new BenchTablet(paired, socket);
  }

  async place(
    input: { idempotencyKey: string; lines: { menuId: string; qty: number }[] },
    stats: RequestStats,
    ledger: OrderLedger,
    ackClock: AckClock | null,
    deadline: number,
  ): Promise<OrderDto | null> {
    const tapped = performance.now();
    ledger.recordSent(this.paired.deviceId, input.idempotencyKey);
    while (performance.now() < deadline) {
      const sent = performance.now();
      let ack: Ack<OrderDto>;
      try {
        ack = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('order:place', input)) as Ack<OrderDto>;
      } catch {
        stats.countError('ACK_TIMEOUT');
        continue;
      }
      const now = performance.now();
      stats.replies.add(now - sent);
      if (ack.ok) {
        stats.tapToAck.add(now - tapped);
        ackClock?.set(`order.placed:${ack.data.id}`, now);
        ledger.recordAck(this.paired.deviceId, input.idempotencyKey, ack.data.id);
        return ack.data;
      }
      if (ack.error.code !== 'BUSY') {
        stats.countError(ack.error.code);
        return null;
      }
      stats.busy += 1;
      const retryAfterMs = Number((ack.error.details as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 1000);
      await sleep(Math.min(retryAfterMs, Math.max(0, deadline - performance.now())));
    }
    return null;
  }

  /** Authorises the card at the sandbox (what the payment sheet does), then asks the server to confirm. */
  async pay(
    order: OrderDto,
    card: string,
    sandbox: JsonHttpClient,
    stats: RequestStats,
    ledger: OrderLedger,
    ackClock: AckClock | null,
  ): Promise<void> {
    let paymentKey: string | undefined;
    try {
      const authorized = await sandbox.send<{ paymentKey?: string }>('POST', '/v1/sandbox/authorize', {
        body: { orderId: order.id, amount: order.total, cardNumber: card },
      });
      paymentKey = authorized.body.paymentKey;
      if (!paymentKey) stats.countError(`AUTHORIZE_${authorized.status}`);
    } catch {
      stats.countError('AUTHORIZE_NETWORK');
    }
    if (!paymentKey) return;
    const sent = performance.now();
    let ack: Ack<OrderDto>;
    try {
      ack = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('order:pay', { orderId: order.id, paymentKey })) as Ack<OrderDto>;
    } catch {
      stats.countError('ACK_TIMEOUT');
      return;
    }
    const now = performance.now();
    stats.replies.add(now - sent);
    if (ack.ok) {
      stats.tapToAck.add(now - sent);
      ackClock?.set(`order.paid:${order.id}`, now);
      ledger.paid.add(order.id);
    } else if (ack.error.code === 'PAYMENT_DECLINED') {
      stats.tapToAck.add(now - sent);
      ledger.declined.add(order.id);
    } else {
      stats.countError(ack.error.code);
    }
  }

  close(): void {
    this.socket.close();
  }
}
