import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { storeLocalTime } from '@hiorder/domain/shared/store-time';
import type { SalesSummaryDto } from '@hiorder/domain/stats/stats.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Menu } from '@hiorder/core/catalog';
import { sqlOf, sqlTransaction } from '@hiorder/core/db';
import { eventsSince } from '@hiorder/core/outbox';
import { Payment, PaymentRefund, reconcilePayments, settleRefund, type SandboxProvider } from '@hiorder/core/payment';
import { buildOptionGroup } from '../testing/option-fixtures';
import { authorizeCard, buildStore, createTestApp, http, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('partial refund (staff cancel lines or quantities of a paid order)', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;
  let largeId: string;

  beforeAll(async () => {
    // A generous timeout: a refund answered late on a loaded machine must not read as lost (the lost case is made on purpose).
    app = await createTestApp({ PAYMENT_BREAKER_FAILURES: '1000', PAYMENT_TIMEOUT_MS: '2000' });
    store = await buildStore(app, {
      bulgogi: { price: 15000, stock: 50 },
      cola: { price: 2000, course: 'other', stock: 50 },
    });
    const group = await buildOptionGroup(app, store, {
      name: 'size',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: 'large', priceDelta: 3000 }],
      menuIds: [(store.menus.bulgogi as Menu).id],
    });
    largeId = (group.options[0] as { id: string }).id;
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  const sandbox = () => app.server.sandbox as SandboxProvider;
  const menuId = (key: string) => (store.menus[key] as Menu).id;
  const stockOf = async (key: string) => (await app.em().findOneOrFail(Menu, { id: menuId(key) }, { refresh: true })).stock;
  const reconcile = () =>
    reconcilePayments(app.server.orm, app.server.app.deps.gateway, app.server.app.deps.logger, new Date(), { staleAfterMs: 0 });
  const refund = (orderId: string, body: object) => http(app, 'POST', `/api/orders/${orderId}/refund`, store.staffToken, body);
  const providerPayment = (orderId: string) =>
    sandbox()
      .allPayments()
      .find((p) => p.orderId === orderId);
  const refundEvents = async (orderId: string) => {
    await app.server.app.deps.relay.flush();
    return (await eventsSince(sqlOf(app.em()), store.storeId, 0, 10_000)).events.filter(
      (e): e is Extract<DomainEvent, { type: 'order.refunded' }> => e.type === 'order.refunded' && e.payload.order.id === orderId,
    );
  };

  /** 2 × bulgogi large (18,000 each) + 3 × cola (2,000): 42,000, paid by card through the sandbox. */
  const paidOrder = async (): Promise<OrderDto> => {
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [
        { menuId: menuId('bulgogi'), qty: 2, options: [largeId] },
        { menuId: menuId('cola'), qty: 3 },
      ],
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const paymentKey = await authorizeCard(app, placed.body.id, placed.body.total, SANDBOX_CARDS.approve);
    const paid = await http(app, 'POST', `/api/orders/${placed.body.id}/pay`, tablet, { paymentKey });
    expect(paid.body.status).toBe('paid');
    return paid.body as OrderDto;
  };

  it('refunds one dish with its option price through the provider, keeps the history, returns its stock, and the guest sees it', async () => {
    const order = await paidOrder();
    expect(order.total).toBe(42000);
    const [bulgogi, cola] = order.lines as [OrderDto['lines'][number], OrderDto['lines'][number]];
    const stockBefore = await stockOf('bulgogi');
    const res = await refund(order.id, {
      idempotencyKey: idemKey(),
      lines: [{ lineId: bulgogi.id, qty: 1 }],
      reason: '조리 전 취소',
      restock: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = res.body as OrderDto;
    expect(after.status).toBe('paid');
    expect(after.refunded).toBe(18000);
    expect(after.lines.map((l) => l.refundedQty)).toEqual([1, 0]);
    expect(after.refunds).toEqual([
      expect.objectContaining({
        amount: 18000,
        reason: '조리 전 취소',
        restocked: true,
        method: 'easy_pay',
        staffId: expect.any(String),
        lines: [{ lineId: bulgogi.id, qty: 1, amount: 18000 }],
      }),
    ]);
    expect(providerPayment(order.id)).toMatchObject({ status: 'PARTIAL_CANCELED', balanceAmount: 24000 });
    expect(await stockOf('bulgogi')).toBe((stockBefore as number) + 1);
    expect((await refundEvents(order.id)).map((e) => e.payload.refund.amount)).toEqual([18000]);

    // The guest's tablet reads the same history; a second refund (the colas, wasted: no stock back) adds to it.
    const seen = (await http(app, 'GET', '/api/orders', tablet)).body as OrderDto[];
    expect(seen.find((o) => o.id === order.id)).toMatchObject({ refunded: 18000, refunds: [expect.objectContaining({ amount: 18000 })] });
    const colaStock = await stockOf('cola');
    const second = await refund(order.id, {
      idempotencyKey: idemKey(),
      lines: [{ lineId: cola.id, qty: 2 }],
      reason: 'spilled',
      restock: false,
    });
    expect(second.status).toBe(200);
    expect(second.body.refunded).toBe(22000);
    expect(await stockOf('cola')).toBe(colaStock);
    expect(providerPayment(order.id)?.balanceAmount).toBe(20000);

    // A cancel of the whole order refunds what is left, and gives back only the stock still held (1 bulgogi, 1 cola).
    const bulgogiBefore = await stockOf('bulgogi');
    const cancelled = await http(app, 'POST', `/api/orders/${order.id}/cancel`, store.staffToken, { reason: 'guest left' });
    expect(cancelled.body.status).toBe('cancelled');
    expect(providerPayment(order.id)).toMatchObject({ status: 'CANCELED', balanceAmount: 0 });
    expect(await stockOf('bulgogi')).toBe((bulgogiBefore as number) + 1);
    expect(await stockOf('cola')).toBe((colaStock as number) + 1);
    await app.server.app.deps.relay.flush();
    const cancelEvent = (await eventsSince(sqlOf(app.em()), store.storeId, 0, 10_000)).events.find(
      (e) => e.type === 'order.cancelled' && e.payload.order.id === order.id,
    );
    expect(cancelEvent?.payload).toMatchObject({ refunded: true, amount: 20000, method: 'easy_pay' });
  });

  it('refuses what the order cannot refund, and changes nothing', async () => {
    const order = await paidOrder();
    const [bulgogi, cola] = order.lines as [OrderDto['lines'][number], OrderDto['lines'][number]];
    const key = idemKey();
    const cases: [object, number, string][] = [
      [{ idempotencyKey: key, lines: [{ lineId: bulgogi.id, qty: 1 }], reason: ' ', restock: true }, 400, 'VALIDATION_FAILED'],
      [{ idempotencyKey: key, lines: [{ lineId: bulgogi.id, qty: 1 }], reason: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ idempotencyKey: key, lines: [{ lineId: bulgogi.id, qty: 1, amount: 1 }], reason: 'x', restock: true }, 400, 'VALIDATION_FAILED'],
      [
        {
          idempotencyKey: key,
          lines: [
            { lineId: bulgogi.id, qty: 1 },
            { lineId: bulgogi.id, qty: 1 },
          ],
          reason: 'x',
          restock: true,
        },
        400,
        'VALIDATION_FAILED',
      ],
      [{ idempotencyKey: key, lines: [{ lineId: store.categoryId, qty: 1 }], reason: 'x', restock: true }, 422, 'REFUND_LINE_UNKNOWN'],
      [{ idempotencyKey: key, lines: [{ lineId: bulgogi.id, qty: 3 }], reason: 'x', restock: true }, 422, 'REFUND_QTY_EXCEEDS'],
      [
        {
          idempotencyKey: key,
          lines: [
            { lineId: bulgogi.id, qty: 2 },
            { lineId: cola.id, qty: 3 },
          ],
          reason: 'x',
          restock: true,
        },
        422,
        'REFUND_WHOLE_ORDER',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await refund(order.id, body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(
      (await refund(order.id, { idempotencyKey: key, lines: [{ lineId: bulgogi.id, qty: 1 }], reason: 'x', restock: true })).status,
    ).toBe(200);
    const tooMany = await refund(order.id, {
      idempotencyKey: idemKey(),
      lines: [{ lineId: bulgogi.id, qty: 2 }],
      reason: 'x',
      restock: true,
    });
    expect([tooMany.status, tooMany.body.error.code, tooMany.body.error.details.left]).toEqual([422, 'REFUND_QTY_EXCEEDS', 1]);
    // Only staff; never a tablet or another store's staff; never an unpaid order.
    const body = { idempotencyKey: idemKey(), lines: [{ lineId: cola.id, qty: 1 }], reason: 'x', restock: true };
    expect((await http(app, 'POST', `/api/orders/${order.id}/refund`, tablet, body)).status).toBe(403);
    const other = await buildStore(app, { tea: { price: 1000 } });
    expect((await http(app, 'POST', `/api/orders/${order.id}/refund`, other.staffToken, body)).status).toBe(404);
    const unpaid = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: menuId('cola'), qty: 2 }],
    });
    const unpaidRes = await refund(unpaid.body.id, { ...body, lines: [{ lineId: unpaid.body.lines[0].id, qty: 1 }] });
    expect([unpaidRes.status, unpaidRes.body.error.code]).toEqual([409, 'INVALID_STATE']);
    const fresh = (await http(app, 'GET', `/api/orders/${order.id}`, store.staffToken)).body as OrderDto;
    expect([fresh.refunded, fresh.refunds.length, providerPayment(order.id)?.balanceAmount]).toEqual([18000, 1, 24000]);
  });

  it('keeps a refund whose answer timed out pending (no second refund, no cancel) and reconciliation settles it exactly once', async () => {
    const order = await paidOrder();
    const [bulgogi] = order.lines as [OrderDto['lines'][number]];
    const stockBefore = await stockOf('bulgogi');
    sandbox().refundsTimingOut = 1;
    const lost = await refund(order.id, {
      idempotencyKey: idemKey(),
      lines: [{ lineId: bulgogi.id, qty: 1 }],
      reason: 'cold',
      restock: true,
    });
    expect([lost.status, lost.body.error.code]).toEqual([202, 'PAYMENT_PENDING']);
    // The provider made it; we don't know yet: nothing applied, the payment held for this refund.
    expect(providerPayment(order.id)?.balanceAmount).toBe(24000);
    const row = await app.em().findOneOrFail(PaymentRefund, { order: order.id }, { refresh: true });
    expect([row.status, row.amount]).toEqual(['unknown', 18000]);
    expect((await app.em().findOneOrFail(Payment, { order: order.id }, { refresh: true })).status).toBe('refunding');
    const another = await refund(order.id, {
      idempotencyKey: idemKey(),
      lines: [{ lineId: bulgogi.id, qty: 1 }],
      reason: 'cold',
      restock: true,
    });
    expect([another.status, another.body.error.code]).toEqual([409, 'CONFLICT']);
    const cancel = await http(app, 'POST', `/api/orders/${order.id}/cancel`, store.staffToken, { reason: 'x' });
    expect([cancel.status, cancel.body.error.code]).toEqual([409, 'CONFLICT']);
    expect((await http(app, 'GET', `/api/orders/${order.id}`, store.staffToken)).body).toMatchObject({ status: 'paid', refunded: 0 });

    const first = await reconcile();
    expect(first.partialRefundsSettled).toBe(1);
    // A staff retry racing the reconciliation finds it settled: the guarded phase 3 applies a refund once.
    expect(await sqlTransaction(app.em(), (sql) => settleRefund(sql, row.id, new Date()))).toBeNull();
    const second = await reconcile();
    expect(second.partialRefundsSettled + second.partialRefundsFailed).toBe(0);
    const settled = (await http(app, 'GET', `/api/orders/${order.id}`, store.staffToken)).body as OrderDto;
    expect([settled.refunded, settled.lines[0]?.refundedQty, settled.refunds.length]).toEqual([18000, 1, 1]);
    expect(providerPayment(order.id)?.cancels).toHaveLength(1);
    expect(await stockOf('bulgogi')).toBe((stockBefore as number) + 1);
    expect(await refundEvents(order.id)).toHaveLength(1);
    expect((await app.em().findOneOrFail(Payment, { order: order.id }, { refresh: true })).status).toBe('done');
  });

  it("re-sends a lost refund with the staff's same key: the provider's idempotency answers, applied once", async () => {
    const order = await paidOrder();
    const [bulgogi] = order.lines as [OrderDto['lines'][number]];
    const body = { idempotencyKey: idemKey(), lines: [{ lineId: bulgogi.id, qty: 1 }], reason: 'late', restock: false };
    sandbox().refundsTimingOut = 1;
    expect((await refund(order.id, body)).status).toBe(202);
    const retried = await refund(order.id, body);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.refunded).toBe(18000);
    expect((await refund(order.id, body)).body.refunded).toBe(18000);
    expect(providerPayment(order.id)?.cancels).toHaveLength(1);
    expect((await reconcile()).partialRefundsSettled).toBe(0);
    expect(await refundEvents(order.id)).toHaveLength(1);
  });

  it('fails a refund that never reached the provider (a crash before the call): nothing refunded, refundable again', async () => {
    const order = await paidOrder();
    const [bulgogi] = order.lines as [OrderDto['lines'][number]];
    // Phase 1 committed, then the process died: the row is `requested`, the provider never called.
    await sqlOf(app.em()).run(`update payment set status = 'refunding' where order_id = ?`, [order.id]);
    await sqlOf(app.em()).run(
      `insert into payment_refund (id, store_id, order_id, idempotency_key, amount, reason, restock, lines, method, staff_id, status, created_at, updated_at)
       values (?, ?, ?, ?, 18000, 'crash', ?, ?, 'easy_pay', null, 'requested', ?, ?)`,
      [
        '01900000-0000-7000-8000-0000000000aa',
        store.storeId,
        order.id,
        idemKey(),
        true,
        JSON.stringify([{ lineId: bulgogi.id, qty: 1, amount: 18000 }]),
        new Date(Date.now() - 60_000),
        new Date(Date.now() - 60_000),
      ],
    );
    await sleep(5);
    expect((await reconcile()).partialRefundsFailed).toBe(1);
    expect((await app.em().findOneOrFail(PaymentRefund, { order: order.id }, { refresh: true })).status).toBe('failed');
    expect((await app.em().findOneOrFail(Payment, { order: order.id }, { refresh: true })).status).toBe('done');
    expect(providerPayment(order.id)?.cancels ?? []).toHaveLength(0);
    const again = await refund(order.id, {
      idempotencyKey: idemKey(),
      lines: [{ lineId: bulgogi.id, qty: 1 }],
      reason: 'x',
      restock: true,
    });
    expect(again.status).toBe(200);
  });

  it('refunds a counter-paid order without the provider, and the statistics count refunds by method', async () => {
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [
        { menuId: menuId('bulgogi'), qty: 1 },
        { menuId: menuId('cola'), qty: 2 },
      ],
    });
    const paid = await http(app, 'POST', `/api/orders/${placed.body.id}/settle`, store.staffToken, { method: 'cash' });
    expect(paid.body.status).toBe('paid');
    const cola = (paid.body as OrderDto).lines[1] as OrderDto['lines'][number];
    const res = await refund(placed.body.id, {
      idempotencyKey: idemKey(),
      lines: [{ lineId: cola.id, qty: 1 }],
      reason: 'flat',
      restock: false,
    });
    expect(res.status).toBe(200);
    expect(res.body.refunds[0]).toMatchObject({ amount: 2000, method: 'cash' });
    expect(providerPayment(placed.body.id)).toBeUndefined();

    await app.server.app.deps.relay.flush();
    const today = storeLocalTime(new Date(), 'Asia/Seoul').day;
    const deadline = Date.now() + 10_000;
    let cash: SalesSummaryDto['byMethod'][number] | undefined;
    for (;;) {
      const summary = (await http(app, 'GET', `/api/stats/summary?from=${today}&to=${today}`, store.staffToken)).body as SalesSummaryDto;
      cash = summary.byMethod.find((m) => m.method === 'cash');
      if (cash?.refunds === 2000 || Date.now() > deadline) break;
      await sleep(50);
    }
    expect(cash).toEqual({ method: 'cash', orders: 1, gross: 19000, refunds: 2000, net: 17000 });
  });
});
