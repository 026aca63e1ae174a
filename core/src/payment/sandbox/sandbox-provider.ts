import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PAYMENT_SESSION_MS,
  SANDBOX_CARDS,
  SandboxAuthorizeSchema,
  type ProviderPayment,
  type SandboxCardBehaviour,
} from '@hiorder/domain/payment/payment.schemas';

/**
 * A small local payment provider that speaks the shape of Toss Payments' v1 API, so every path of the payment
 * saga runs for real over HTTP: authorise (what the widget does in the browser), confirm, cancel, look up by
 * key and by order id, Basic auth, Idempotency-Key (replays the first answer, 409 while in flight), and test
 * cards that approve, decline, time out, or answer after the client's timeout. As with Toss, an authorised
 * payment is `READY` until confirmed, and its session ends `sessionMs` after the authorisation: a later confirm
 * answers `NOT_FOUND_PAYMENT_SESSION` and the payment stays `READY`, never chargeable. Refunds may be partial
 * (`cancelAmount`), as Toss's are.
 */
export interface SandboxOptions {
  secretKey: string;
  /** How long a "timeout" card keeps the confirm hanging before it gives up (the payment ends ABORTED). */
  hangMs?: number;
  /** How long a "late" card takes to approve (longer than the server's payment timeout). */
  lateMs?: number;
  /** How long after the authorisation a payment can be confirmed (Toss: about ten minutes). */
  sessionMs?: number;
}

interface SandboxPayment extends ProviderPayment {
  behaviour: SandboxCardBehaviour;
  authorizedAtMs: number;
  cancels: { cancelReason: string; cancelAmount: number; canceledAt: string }[];
}

interface StoredAnswer {
  status: number;
  body: unknown;
  /** Tests: the work is done and the answer kept for the Idempotency-Key, but never sent (the client times out). */
  unanswered?: true;
}

const BEHAVIOUR_BY_CARD = new Map<string, SandboxCardBehaviour>(
  (Object.entries(SANDBOX_CARDS) as [SandboxCardBehaviour, string][]).map(([behaviour, card]) => [card, behaviour]),
);

export class SandboxProvider {
  private readonly payments = new Map<string, SandboxPayment>();
  private readonly byOrder = new Map<string, string>();
  /** Idempotency store: key + method + path → answer (null while the first request runs). */
  private readonly idempotency = new Map<string, StoredAnswer | null>();
  private server: Server | null = null;
  private readonly hangMs: number;
  private readonly lateMs: number;
  /** Tests may shorten it to see a session end. */
  sessionMs: number;
  /** Counts confirm calls that reached the sandbox, per paymentKey (tests check "never confirmed twice"). */
  readonly confirmCalls = new Map<string, number>();
  /**
   * Tests: called when a confirm arrives (`received`, before anything is done) and after it approved
   * (`approved`); answering `drop` leaves the request unanswered — where a test kills the server mid-saga.
   */
  onConfirm: ((paymentKey: string, stage: 'received' | 'approved') => 'drop' | undefined) | null = null;
  /** Tests: the next N refunds are made, then answered 500 — the answer lost after the work was done. */
  refundsAnsweredWithError = 0;
  /** Tests: the next N refunds are made, then never answered — the client's timeout, after the work was done. */
  refundsTimingOut = 0;

  constructor(private readonly options: SandboxOptions) {
    this.hangMs = options.hangMs ?? 30_000;
    this.lateMs = options.lateMs ?? 8_000;
    this.sessionMs = options.sessionMs ?? PAYMENT_SESSION_MS;
  }

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => send(res, 500, { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: String(err) }));
    });
    await new Promise<void>((resolve) => this.server?.listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** All payments the sandbox knows (tests compare them with the orders). */
  allPayments(): ProviderPayment[] {
    return [...this.payments.values()].map((p) => this.view(p));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;

    if (req.method === 'POST' && path === '/v1/sandbox/authorize') return this.authorize(await readJson(req), res);
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });

    if (req.headers.authorization !== `Basic ${Buffer.from(`${this.options.secretKey}:`).toString('base64')}`) {
      return send(res, 401, { code: 'UNAUTHORIZED_KEY', message: 'Unauthorized secret key.' });
    }
    if (req.method === 'POST') {
      const key = req.headers['idempotency-key'];
      const body = await readJson(req);
      if (typeof key === 'string') {
        if (key.length > 300) return send(res, 400, { code: 'INVALID_IDEMPOTENCY_KEY', message: 'Idempotency-Key is too long.' });
        const scope = `${key} POST ${path}`;
        if (this.idempotency.has(scope)) {
          const stored = this.idempotency.get(scope);
          if (!stored)
            return send(res, 409, { code: 'IDEMPOTENT_REQUEST_PROCESSING', message: 'The first request with this key is still running.' });
          return send(res, stored.status, stored.body);
        }
        this.idempotency.set(scope, null);
        const answer = await this.post(path, body);
        if (answer === 'hang') {
          this.idempotency.delete(scope);
          return; // never answered: the client times out
        }
        this.idempotency.set(scope, { status: answer.status, body: answer.body });
        if (answer.unanswered) return; // kept for a retry with the same key, never sent now
        return send(res, answer.status, answer.body);
      }
      const answer = await this.post(path, body);
      if (answer === 'hang' || answer.unanswered) return;
      return send(res, answer.status, answer.body);
    }
    if (req.method === 'GET') {
      const byOrder = /^\/v1\/payments\/orders\/([^/]+)$/.exec(path);
      const byKey = /^\/v1\/payments\/([^/]+)$/.exec(path);
      const paymentKey = byOrder
        ? this.byOrder.get(decodeURIComponent(byOrder[1] as string))
        : byKey
          ? decodeURIComponent(byKey[1] as string)
          : undefined;
      const payment = paymentKey ? this.payments.get(paymentKey) : undefined;
      if (!payment) return send(res, 404, { code: 'NOT_FOUND_PAYMENT', message: 'No such payment.' });
      return send(res, 200, this.view(payment));
    }
    return send(res, 404, { code: 'NOT_FOUND', message: 'No such endpoint.' });
  }

  private authorize(body: unknown, res: ServerResponse): void {
    const input = SandboxAuthorizeSchema.safeParse(body);
    if (!input.success) return send(res, 400, { code: 'INVALID_REQUEST', message: input.error.issues[0]?.message ?? 'invalid' });
    const behaviour = BEHAVIOUR_BY_CARD.get(input.data.cardNumber);
    if (!behaviour) return send(res, 400, { code: 'INVALID_CARD_NUMBER', message: 'Use one of the sandbox test cards.' });
    const paymentKey = `sbx_${randomBytes(12).toString('hex')}`;
    const previous = this.byOrder.get(input.data.orderId);
    if (previous && this.payments.get(previous)?.status === 'DONE') {
      return send(res, 400, { code: 'ALREADY_PROCESSED_PAYMENT', message: 'This order is already paid.' });
    }
    this.payments.set(paymentKey, {
      paymentKey,
      orderId: input.data.orderId,
      status: 'READY',
      totalAmount: input.data.amount,
      balanceAmount: input.data.amount,
      approvedAt: null,
      method: '카드',
      behaviour,
      authorizedAtMs: Date.now(),
      cancels: [],
    });
    this.byOrder.set(input.data.orderId, paymentKey);
    send(res, 200, { paymentKey, orderId: input.data.orderId, amount: input.data.amount });
  }

  private async post(path: string, body: unknown): Promise<StoredAnswer | 'hang'> {
    if (path === '/v1/payments/confirm') return this.confirm(body);
    const cancel = /^\/v1\/payments\/([^/]+)\/cancel$/.exec(path);
    if (cancel) return this.cancel(decodeURIComponent(cancel[1] as string), body);
    return { status: 404, body: { code: 'NOT_FOUND', message: 'No such endpoint.' } };
  }

  private async confirm(body: unknown): Promise<StoredAnswer | 'hang'> {
    const { paymentKey, orderId, amount } = (body ?? {}) as { paymentKey?: string; orderId?: string; amount?: number };
    const payment = paymentKey ? this.payments.get(paymentKey) : undefined;
    if (!payment || payment.orderId !== orderId) {
      return { status: 404, body: { code: 'NOT_FOUND_PAYMENT_SESSION', message: 'The payment session has expired or does not exist.' } };
    }
    if (this.onConfirm?.(payment.paymentKey, 'received') === 'drop') return 'hang';
    this.confirmCalls.set(payment.paymentKey, (this.confirmCalls.get(payment.paymentKey) ?? 0) + 1);
    if (payment.totalAmount !== amount) {
      return { status: 400, body: { code: 'INVALID_REQUEST', message: 'The amount differs from the authorised one.' } };
    }
    if (payment.status === 'DONE' || payment.status === 'CANCELED') {
      return { status: 400, body: { code: 'ALREADY_PROCESSED_PAYMENT', message: 'This payment is already processed.' } };
    }
    if (payment.status !== 'READY' || Date.now() - payment.authorizedAtMs > this.sessionMs) {
      return {
        status: 404,
        body: { code: 'NOT_FOUND_PAYMENT_SESSION', message: '결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.' },
      };
    }
    payment.status = 'IN_PROGRESS';
    switch (payment.behaviour) {
      case 'approve': {
        const approved = this.approve(payment);
        return this.onConfirm?.(payment.paymentKey, 'approved') === 'drop' ? 'hang' : approved;
      }
      case 'decline':
        payment.status = 'ABORTED';
        return { status: 403, body: { code: 'REJECT_CARD_PAYMENT', message: '한도초과 혹은 잔액부족으로 결제에 실패했습니다.' } };
      case 'insufficientFunds':
        payment.status = 'ABORTED';
        return { status: 403, body: { code: 'REJECT_CARD_PAYMENT', message: '잔액이 부족합니다.' } };
      case 'providerError':
        payment.status = 'ABORTED';
        return { status: 500, body: { code: 'FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING', message: 'Temporary provider error.' } };
      case 'timeout':
        setTimeout(() => {
          if (payment.status === 'IN_PROGRESS') payment.status = 'ABORTED';
        }, this.hangMs).unref();
        return 'hang';
      case 'late':
        await new Promise((resolve) => setTimeout(resolve, this.lateMs));
        return this.approve(payment);
    }
  }

  private approve(payment: SandboxPayment): StoredAnswer {
    payment.status = 'DONE';
    payment.approvedAt = new Date().toISOString();
    return { status: 200, body: this.view(payment) };
  }

  private cancel(paymentKey: string, body: unknown): StoredAnswer {
    const payment = this.payments.get(paymentKey);
    const { cancelReason: reason, cancelAmount } = (body ?? {}) as { cancelReason?: unknown; cancelAmount?: unknown };
    if (typeof reason !== 'string' || !reason)
      return { status: 400, body: { code: 'INVALID_REQUEST', message: 'cancelReason is required.' } };
    if (cancelAmount !== undefined && (typeof cancelAmount !== 'number' || !Number.isInteger(cancelAmount) || cancelAmount <= 0)) {
      return { status: 400, body: { code: 'INVALID_REQUEST', message: 'cancelAmount must be a positive integer.' } };
    }
    if (!payment) return { status: 404, body: { code: 'NOT_FOUND_PAYMENT', message: 'No such payment.' } };
    if (payment.status === 'CANCELED') return { status: 400, body: { code: 'ALREADY_CANCELED_PAYMENT', message: 'Already cancelled.' } };
    if (payment.status !== 'DONE' && payment.status !== 'PARTIAL_CANCELED') {
      return { status: 403, body: { code: 'NOT_CANCELABLE_PAYMENT', message: 'Only a paid payment can be cancelled.' } };
    }
    const balance = payment.balanceAmount ?? payment.totalAmount;
    const amount = cancelAmount ?? balance;
    if (amount > balance)
      return { status: 403, body: { code: 'NOT_CANCELABLE_AMOUNT', message: 'The amount exceeds what is left to refund.' } };
    payment.balanceAmount = balance - amount;
    payment.status = payment.balanceAmount === 0 ? 'CANCELED' : 'PARTIAL_CANCELED';
    payment.cancels.push({ cancelReason: reason, cancelAmount: amount, canceledAt: new Date().toISOString() });
    if (this.refundsAnsweredWithError > 0) {
      this.refundsAnsweredWithError -= 1;
      return { status: 500, body: { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: 'Internal error.' } };
    }
    if (this.refundsTimingOut > 0) {
      this.refundsTimingOut -= 1;
      return { status: 200, body: this.view(payment), unanswered: true };
    }
    return { status: 200, body: this.view(payment) };
  }

  private view(payment: SandboxPayment): ProviderPayment {
    const { behaviour: _behaviour, authorizedAtMs: _authorizedAtMs, ...rest } = payment;
    return { ...rest, cancels: payment.cancels.length ? payment.cancels : null } as ProviderPayment;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
