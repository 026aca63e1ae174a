import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { equalPartAmount, type BillSplitDto, type ShareSpec } from '@hiorder/domain/payment/bill-split';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { sqlOf, sqlTransaction } from '@hiorder/core/db';
import { Menu } from '@hiorder/core/catalog';
import { Order } from '@hiorder/core/ordering';
import { eventsSince } from '@hiorder/core/outbox';
import { reserveShare, settleSplitBills } from '@hiorder/core/payment';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeCard, buildStore, createTestApp, http, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

/**
 * Split the bill by phone (issue 18): the tablet's visit QR, phones joined to that visit only, shares of one order
 * (equal parts, lines, the rest) reserved against its total before charging — the sum of charges never exceeds the
 * total — the order to the kitchen only when its shares cover it, and compensation (refunds) when the rest is never
 * paid. Both databases.
 */
describe('split the bill by phone', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;
  let tableId: string;

  beforeAll(async () => {
    app = await createTestApp({ PAYMENT_BREAKER_FAILURES: '1000', PAYMENT_TIMEOUT_MS: '1500' });
    store = await buildStore(app, {
      bulgogi: { price: 15000, stock: 500 },
      japchae: { price: 15000, stock: 10 },
      cola: { price: 2000, course: 'other' },
    });
    tableId = store.tableIds[0] as string;
    tablet = await pairTablet(app, store, tableId);
  });
  afterAll(() => app.close());

  const menuId = (name: string) => (store.menus[name] as Menu).id;
  const stockOf = async () => (await app.em().findOneOrFail(Menu, { id: menuId('bulgogi') }, { refresh: true })).stock;
  const orderOf = async (id: string) => app.em().findOneOrFail(Order, { id }, { refresh: true });
  const joinPhone = async (token = tablet) => {
    const code = await http(app, 'POST', '/api/visit/join-code', token);
    expect(code.status).toBe(200);
    const joined = await http(app, 'POST', '/api/visits/join', undefined, { code: code.body.code });
    expect(joined.status).toBe(200);
    return joined.body.deviceToken as string;
  };
  const place = async (token: string, lines: { menuId: string; qty: number }[]) => {
    const placed = await http(app, 'POST', '/api/orders', token, { idempotencyKey: idemKey(), lines });
    expect(placed.status).toBe(201);
    return placed.body as { id: string; total: number; lines: { id: string; lineTotal: number }[]; visitId: string };
  };
  /** A phone authorises its share with the sandbox (the provider's order id is the share's id), then pays it. */
  const payShare = async (phone: string, orderId: string, spec: ShareSpec, amount: number, card: string = SANDBOX_CARDS.approve) => {
    const shareId = randomUUID();
    const paymentKey = await authorizeCard(app, shareId, amount, card);
    const res = await http(app, 'POST', `/api/orders/${orderId}/shares`, phone, { shareId, spec, amount, paymentKey });
    return { res, shareId, paymentKey };
  };
  const splitOf = async (token: string, orderId: string) =>
    (await http(app, 'GET', `/api/orders/${orderId}/split`, token)).body as BillSplitDto;
  /** What the provider charged for this order's shares, refunds taken off. */
  const chargedAtProvider = (shareIds: Set<string>) =>
    (app.server.sandbox?.allPayments() ?? [])
      .filter((p) => shareIds.has(p.orderId) && (p.status === 'DONE' || p.status === 'CANCELED' || p.status === 'PARTIAL_CANCELED'))
      .map((p) => ({ amount: p.totalAmount, status: p.status }));
  const eventsOf = async (orderId: string) => {
    await app.server.app.deps.relay.flush();
    return (await eventsSince(sqlOf(app.em()), store.storeId, 0, 100_000)).events.filter(
      (e: DomainEvent) => 'order' in e.payload && e.payload.order.id === orderId,
    );
  };
  const runSplitJob = (now = new Date()) =>
    settleSplitBills(app.server.orm, app.server.app.deps.gateway, app.server.app.deps.logger, now, { staleAfterMs: 0 });

  it('joins a phone to the current visit only: same QR for the visit, a new one for the next, an old one refused with 410', async () => {
    const table = store.tableIds[1] as string;
    const tab = await pairTablet(app, store, table);
    const first = await http(app, 'POST', '/api/visit/join-code', tab);
    expect(first.body.url).toContain(`/tablet/?join=${first.body.code}`);
    expect((await http(app, 'POST', '/api/visit/join-code', tab)).body.code).toBe(first.body.code);
    const phone = await joinPhone(tab);
    // The phone orders under the table's rules, in the same visit, and sees the table's orders live.
    const fromTablet = await place(tab, [{ menuId: menuId('bulgogi'), qty: 1 }]);
    const fromPhone = await place(phone, [{ menuId: menuId('cola'), qty: 1 }]);
    expect(fromPhone.visitId).toBe(first.body.visitId);
    expect(fromTablet.visitId).toBe(first.body.visitId);
    const seen = await http(app, 'GET', '/api/orders', phone);
    expect(seen.body.map((o: { id: string }) => o.id).sort()).toEqual([fromTablet.id, fromPhone.id].sort());
    // Staff's device list never shows the guests' phones.
    const tables = await http(app, 'GET', '/api/tables', store.staffToken);
    const listed = tables.body.find((t: { id: string }) => t.id === table);
    expect(listed.devices).toHaveLength(1);

    expect((await http(app, 'POST', `/api/tables/${table}/close-visit`, store.staffToken, { force: true })).status).toBe(204);
    const after = await http(app, 'GET', '/api/orders', phone);
    expect(after.status).toBe(401);
    const old = await http(app, 'POST', '/api/visits/join', undefined, { code: first.body.code });
    expect(old.status).toBe(410);
    expect(old.body.error.code).toBe('VISIT_JOIN_INVALID');
    const next = await http(app, 'POST', '/api/visit/join-code', tab);
    expect(next.body.visitId).not.toBe(first.body.visitId);
    expect(next.body.code).not.toBe(first.body.code);
  });

  it('splits an order in two equal parts between two phones: to the kitchen only when both are paid', async () => {
    const [phoneA, phoneB] = [await joinPhone(), await joinPhone()];
    const order = await place(tablet, [
      { menuId: menuId('bulgogi'), qty: 2 },
      { menuId: menuId('cola'), qty: 1 },
    ]);
    expect(order.total).toBe(32000);
    const a = await payShare(phoneA, order.id, { kind: 'equal', parts: 2, index: 0 }, 16000);
    expect(a.res.status).toBe(200);
    expect(a.res.body).toMatchObject({ total: 32000, paid: 16000, inFlight: 0, remaining: 16000 });
    expect(a.res.body.shares).toEqual([expect.objectContaining({ id: a.shareId, amount: 16000, status: 'done', mine: true })]);
    expect(await orderOf(order.id)).toMatchObject({ status: 'pending_payment', paymentState: 'split' });
    expect((await eventsOf(order.id)).map((e) => e.type)).not.toContain('order.paid');
    // The tablet sees where the split stands; the other phone's share is not "mine" there.
    expect((await splitOf(tablet, order.id)).shares[0]?.mine).toBe(false);

    const b = await payShare(phoneB, order.id, { kind: 'equal', parts: 2, index: 1 }, 16000);
    expect(b.res.status).toBe(200);
    expect(b.res.body).toMatchObject({ paid: 32000, remaining: 0 });
    expect(await orderOf(order.id)).toMatchObject({ status: 'paid', paymentState: 'done' });
    const types = (await eventsOf(order.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'order.paid')).toHaveLength(1);
    expect(types).toContain('order.split_changed');
  });

  it('refuses bad shares with a code and changes nothing: twice the same part, more than is left, another amount, a used or foreign key, a whole payment', async () => {
    const phone = await joinPhone();
    const order = await place(phone, [
      { menuId: menuId('bulgogi'), qty: 1 },
      { menuId: menuId('cola'), qty: 2 },
    ]);
    expect(order.total).toBe(19000);
    const part0 = equalPartAmount(19000, 3, 0);
    expect((await payShare(phone, order.id, { kind: 'equal', parts: 3, index: 0 }, part0)).res.status).toBe(200);
    let before = await splitOf(phone, order.id);
    const stock = await stockOf();
    const expectRefused = async (res: { status: number; body: { error: { code: string } } }, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(await splitOf(phone, order.id)).toEqual(before);
      expect(await stockOf()).toBe(stock);
      expect(await orderOf(order.id)).toMatchObject({ status: 'pending_payment', paymentState: 'split' });
    };
    // The same part again (from any phone): already paid.
    await expectRefused((await payShare(phone, order.id, { kind: 'equal', parts: 3, index: 0 }, part0)).res, 409, 'SHARE_ALREADY_PAID');
    // The bulgogi line (15,000) is more than what is left (19,000 − 6,334).
    const bulgogi = order.lines.find((l) => l.lineTotal === 15000) as { id: string };
    await expectRefused(
      (await payShare(phone, order.id, { kind: 'lines', lineIds: [bulgogi.id] }, 15000)).res,
      409,
      'SHARE_EXCEEDS_REMAINING',
    );
    // The phone authorised another amount than the share's.
    await expectRefused((await payShare(phone, order.id, { kind: 'equal', parts: 3, index: 1 }, 5000)).res, 409, 'SHARE_AMOUNT_CHANGED');
    // A paymentKey that already paid a share.
    const paid = before.shares[0] as { id: string };
    const usedKey = (app.server.sandbox?.allPayments() ?? []).find((p) => p.orderId === paid.id)?.paymentKey as string;
    const reuse = await http(app, 'POST', `/api/orders/${order.id}/shares`, phone, {
      shareId: randomUUID(),
      spec: { kind: 'equal', parts: 3, index: 1 },
      amount: equalPartAmount(19000, 3, 1),
      paymentKey: usedKey,
    });
    await expectRefused(reuse, 409, 'PAYMENT_KEY_USED');
    // A paymentKey authorised for another order: the provider refuses it; nothing charged, the share given back.
    const other = await place(tablet, [{ menuId: menuId('cola'), qty: 1 }]);
    const foreignKey = await authorizeCard(app, other.id, other.total, SANDBOX_CARDS.approve);
    const foreign = await http(app, 'POST', `/api/orders/${order.id}/shares`, phone, {
      shareId: randomUUID(),
      spec: { kind: 'equal', parts: 3, index: 1 },
      amount: equalPartAmount(19000, 3, 1),
      paymentKey: foreignKey,
    });
    expect(foreign.status).toBe(402);
    expect(foreign.body.error.code).toBe('PAYMENT_DECLINED');
    const afterForeign = await splitOf(phone, order.id);
    expect({ paid: afterForeign.paid, inFlight: afterForeign.inFlight, remaining: afterForeign.remaining }).toEqual({
      paid: before.paid,
      inFlight: 0,
      remaining: before.remaining,
    });
    // The refused attempt stays on record as declined (its amount held nothing).
    expect(afterForeign.shares.map((s) => s.status)).toEqual(['done', 'declined']);
    before = afterForeign;
    // The whole order can no longer be paid at once: its bill is being split.
    const whole = await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.approve);
    await expectRefused(await http(app, 'POST', `/api/orders/${order.id}/pay`, phone, { paymentKey: whole }), 409, 'SPLIT_IN_PROGRESS');
    // Another table's tablet can't reach it (I7).
    const stranger = await pairTablet(app, store, store.tableIds[2] as string);
    await expectRefused((await payShare(stranger, order.id, { kind: 'rest' }, before.remaining)).res, 404, 'NOT_FOUND');
    // Staff take the rest at the counter: the order is paid and released to the kitchen.
    const settled = await http(app, 'POST', `/api/orders/${order.id}/settle`, store.staffToken, { method: 'cash' });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'paid' });
    const final = await splitOf(phone, order.id);
    expect(final).toMatchObject({ paid: 19000, remaining: 0 });
    expect(final.shares.filter((s) => s.status === 'done').map((s) => [s.amount, s.counter])).toEqual([
      [part0, false],
      [19000 - part0, true],
    ]);
  });

  it('race: 10 phones paying shares of one order at once are charged the total between them, never more', async () => {
    const phones = await Promise.all(Array.from({ length: 10 }, () => joinPhone()));
    const order = await place(tablet, [
      { menuId: menuId('bulgogi'), qty: 2 },
      { menuId: menuId('cola'), qty: 1 },
    ]);
    const total = order.total;
    // One guest pays the cola first: the bill is split from then on, and the racers contend on the split row alone
    // (the first share of an order also takes the order's row, which would serialise them and hide the guard).
    const cola = order.lines.find((l) => l.lineTotal === 2000) as { id: string };
    expect((await payShare(phones[0] as string, order.id, { kind: 'lines', lineIds: [cola.id] }, 2000)).res.status).toBe(200);
    const rest = total - 2000;
    // Then all ten pay "the rest" at once: only the reservation's condition stands between them and ten charges.
    const authorised = await Promise.all(
      phones.map(async (phone) => {
        const shareId = randomUUID();
        return { phone, shareId, paymentKey: await authorizeCard(app, shareId, rest, SANDBOX_CARDS.approve) };
      }),
    );
    const answers = await Promise.all(
      authorised.map((a) =>
        http(app, 'POST', `/api/orders/${order.id}/shares`, a.phone, {
          shareId: a.shareId,
          spec: { kind: 'rest' },
          amount: rest,
          paymentKey: a.paymentKey,
        }),
      ),
    );
    const statuses = answers.map((r) => (r.status === 200 ? 'ok' : r.body.error.code));
    // Refusals come before any charge: the rest was reserved by another (exceeds), changed, or the order is paid.
    const refusals = ['SHARE_EXCEEDS_REMAINING', 'SHARE_AMOUNT_CHANGED', 'INVALID_STATE'];
    expect(
      statuses.every((s) => s === 'ok' || refusals.includes(s)),
      statuses.join(),
    ).toBe(true);
    const split = await splitOf(tablet, order.id);
    const charges = chargedAtProvider(new Set(split.shares.map((s) => s.id).concat(authorised.map((a) => a.shareId))));
    expect(
      charges.reduce((sum, c) => sum + c.amount, 0),
      statuses.join(),
    ).toBe(total);
    expect(
      statuses.filter((s) => s === 'ok'),
      statuses.join(),
    ).toHaveLength(1);
    expect(await orderOf(order.id)).toMatchObject({ status: 'paid' });
    expect(split.paid).toBe(total);
    expect((await eventsOf(order.id)).filter((e) => e.type === 'order.paid')).toHaveLength(1);
  });

  it('saga: one declined share and the reservation over → every paid share refunded, stock back, nothing to the kitchen', async () => {
    const [phoneA, phoneB, phoneC] = [await joinPhone(), await joinPhone(), await joinPhone()];
    // Its own dish: the job also expires other tests' unpaid orders, whose stock is not this test's to count.
    const japchaeStock = async () => (await app.em().findOneOrFail(Menu, { id: menuId('japchae') }, { refresh: true })).stock;
    const order = await place(tablet, [{ menuId: menuId('japchae'), qty: 3 }]);
    expect(await japchaeStock()).toBe(7);
    const a = await payShare(phoneA, order.id, { kind: 'equal', parts: 3, index: 0 }, 15000);
    const b = await payShare(phoneB, order.id, { kind: 'equal', parts: 3, index: 1 }, 15000);
    const c = await payShare(phoneC, order.id, { kind: 'equal', parts: 3, index: 2 }, 15000, SANDBOX_CARDS.decline);
    expect([a.res.status, b.res.status, c.res.status]).toEqual([200, 200, 402]);
    expect(c.res.body.error.code).toBe('PAYMENT_DECLINED');
    expect(c.res.body.error.details.split).toMatchObject({ paid: 30000, inFlight: 0, remaining: 15000 });

    // Before the reservation ends nothing moves; after it, the job expires the order and refunds both shares.
    await runSplitJob();
    expect(await orderOf(order.id)).toMatchObject({ status: 'pending_payment', paymentState: 'split' });
    const result = await runSplitJob(new Date(Date.now() + 3600_000));
    expect(result.refundsPending).toBe(0);
    expect(await orderOf(order.id)).toMatchObject({ status: 'expired' });
    expect(await japchaeStock()).toBe(10);
    const charges = chargedAtProvider(new Set([a.shareId, b.shareId, c.shareId]));
    expect(charges).toEqual([
      { amount: 15000, status: 'CANCELED' },
      { amount: 15000, status: 'CANCELED' },
    ]);
    expect((await splitOf(tablet, order.id)).shares.map((s) => s.status).sort()).toEqual(['declined', 'refunded', 'refunded']);
    const types = (await eventsOf(order.id)).map((e) => e.type);
    expect(types).toContain('order.expired');
    expect(types).not.toContain('order.paid');
    // Run again: nothing left to do for it (idempotent compensation: one refund per share at the provider).
    await runSplitJob(new Date(Date.now() + 3600_000));
    expect(chargedAtProvider(new Set([a.shareId, b.shareId, c.shareId]))).toHaveLength(2);
    expect((await eventsOf(order.id)).filter((e) => e.type === 'order.expired')).toHaveLength(1);
  });

  it('settles by reconciliation a share charged at the provider whose commit never happened (crash) or whose answer was lost', async () => {
    const phone = await joinPhone();
    const order = await place(tablet, [{ menuId: menuId('bulgogi'), qty: 2 }]);
    // (a) The process died after the provider charged the share, before our commit: the share is left `confirming`.
    const shareId = randomUUID();
    const paymentKey = await authorizeCard(app, shareId, 15000, SANDBOX_CARDS.approve);
    const actor = {
      kind: 'device' as const,
      role: 'table' as const,
      deviceId: (await deviceIdOf(phone)) as string,
      storeId: store.storeId,
      tableId,
      visitId: order.visitId,
    };
    await sqlTransaction(app.em(), (sql) =>
      reserveShare(sql, actor, order.id, { shareId, spec: { kind: 'equal', parts: 2, index: 0 }, amount: 15000, paymentKey }, new Date()),
    );
    const confirmed = await app.server.app.deps.gateway.confirm(
      { paymentKey, orderId: shareId, amount: 15000 },
      `confirm:${shareId}:${paymentKey}`,
    );
    expect(confirmed.kind).toBe('approved');
    expect((await splitOf(phone, order.id)).inFlight).toBe(15000);
    // (b) The other half: the provider charges it but its answer never arrives (timeout → unknown, never declined).
    const lost = randomUUID();
    const lostKey = await authorizeCard(app, lost, 15000, SANDBOX_CARDS.approve);
    const sandbox = app.server.sandbox as NonNullable<typeof app.server.sandbox>;
    sandbox.onConfirm = (key, stage) => (key === lostKey && stage === 'approved' ? 'drop' : undefined);
    const pending = await http(app, 'POST', `/api/orders/${order.id}/shares`, phone, {
      shareId: lost,
      spec: { kind: 'equal', parts: 2, index: 1 },
      amount: 15000,
      paymentKey: lostKey,
    });
    sandbox.onConfirm = null;
    expect(pending.status).toBe(202);
    expect(pending.body.error.code).toBe('PAYMENT_PENDING');
    // Expiry never takes an order with a share in flight: it might be charged.
    expect((await runSplitJob(new Date(Date.now() + 3600_000))).expired).toBe(0);
    expect(await orderOf(order.id)).toMatchObject({ status: 'paid' });
    expect(await splitOf(phone, order.id)).toMatchObject({ paid: 30000, inFlight: 0 });
    expect(sandbox.confirmCalls.get(paymentKey)).toBe(1);
    expect((await eventsOf(order.id)).filter((e) => e.type === 'order.paid')).toHaveLength(1);
  });

  it('staff cancel of a split-paid order refunds every share', async () => {
    const phone = await joinPhone();
    const order = await place(tablet, [{ menuId: menuId('cola'), qty: 2 }]);
    const a = await payShare(phone, order.id, { kind: 'equal', parts: 2, index: 0 }, 2000);
    const b = await payShare(tablet, order.id, { kind: 'rest' }, 2000);
    expect([a.res.status, b.res.status]).toEqual([200, 200]);
    const cancelled = await http(app, 'POST', `/api/orders/${order.id}/cancel`, store.staffToken, { reason: 'wrong dish' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', payment: 'cancelled' });
    expect(chargedAtProvider(new Set([a.shareId, b.shareId]))).toEqual([
      { amount: 2000, status: 'CANCELED' },
      { amount: 2000, status: 'CANCELED' },
    ]);
  });

  it("staff cancel of a split-paid order keeps staff's stock choice: cooked food stays out of stock", async () => {
    const phone = await joinPhone();
    const order = await place(tablet, [{ menuId: menuId('bulgogi'), qty: 2 }]);
    const a = await payShare(phone, order.id, { kind: 'equal', parts: 2, index: 0 }, 15000);
    const b = await payShare(tablet, order.id, { kind: 'rest' }, 15000);
    expect([a.res.status, b.res.status]).toEqual([200, 200]);
    const before = await stockOf();
    const cancelled = await http(app, 'POST', `/api/orders/${order.id}/cancel`, store.staffToken, { reason: 'burnt', restock: false });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', payment: 'cancelled' });
    expect(await stockOf()).toBe(before);
  });

  const deviceIdOf = async (token: string) => {
    const rows = await sqlOf(app.em()).all<{ id: string }>('select id from device where token_hash = ?', [
      (await import('@hiorder/core/identity')).sha256(token),
    ]);
    return rows[0]?.id;
  };
});
