import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Menu } from '@hiorder/core/catalog';
import { OrderLine, Order, expireOrders } from '@hiorder/core/ordering';
import { authorizeCard, buildStore, createTestApp, http, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { providerDecided } from '../testing/wait';
import { reconcilePayments } from '@hiorder/core/payment';

/**
 * I4 under a stream: while tablets keep ordering and paying, the provider times out on a share of confirm calls
 * (some never answer and end ABORTED, some approve after our timeout). Whatever the interleaving, once
 * reconciliation has run there is no charge without a paid order and no paid order without a charge, and the
 * stock matches what is still held. Bounded: 48 orders, provider delays under a second.
 */
describe('payment provider timing out on a share of calls during a stream of orders', () => {
  let app: TestApp;
  let store: StoreFixture;
  const STOCK = 1000;

  beforeAll(async () => {
    // A breaker that stays closed: this test is about timeouts reaching reconciliation, not about fast refusal.
    app = await createTestApp({ PAYMENT_BREAKER_FAILURES: '1000' });
    store = await buildStore(app, { bulgogi: { price: 15000, stock: STOCK }, cola: { price: 2000, course: 'other' } }, 4);
  });
  afterAll(() => app.close());

  it(
    'after reconciliation: every charge has its paid order, every paid order its charge, stock consistent',
    { timeout: 120_000 },
    async () => {
      const bulgogi = (store.menus.bulgogi as Menu).id;
      const cola = (store.menus.cola as Menu).id;
      // One card per order, in a fixed mix: half approve, a quarter hang (timeout), an eighth approve late, an
      // eighth decline.
      const cards = [
        SANDBOX_CARDS.approve,
        SANDBOX_CARDS.timeout,
        SANDBOX_CARDS.approve,
        SANDBOX_CARDS.late,
        SANDBOX_CARDS.approve,
        SANDBOX_CARDS.timeout,
        SANDBOX_CARDS.approve,
        SANDBOX_CARDS.decline,
      ];
      const replies = new Map<string, number>();
      const tablets = await Promise.all(store.tableIds.map((t) => pairTablet(app, store, t)));

      const guest = async (token: string, index: number) => {
        for (let i = 0; i < 12; i++) {
          const placed = await http(app, 'POST', '/api/orders', token, {
            idempotencyKey: idemKey(),
            lines: [
              { menuId: bulgogi, qty: 1 + (i % 2) },
              { menuId: cola, qty: 1 },
            ],
          });
          expect(placed.status).toBe(201);
          const card = cards[(index * 12 + i) % cards.length] as string;
          const paymentKey = await authorizeCard(app, placed.body.id, placed.body.total, card);
          const paid = await http(app, 'POST', `/api/orders/${placed.body.id}/pay`, token, { paymentKey });
          const outcome = paid.status === 200 ? 'paid' : (paid.body.error.code as string);
          replies.set(outcome, (replies.get(outcome) ?? 0) + 1);
        }
      };
      await Promise.all(tablets.map((token, i) => guest(token, i)));
      // The stream really went through the timeout path, and nothing else failed.
      expect(replies.get('PAYMENT_PENDING') ?? 0).toBeGreaterThanOrEqual(12);
      expect([...replies.keys()].sort()).toEqual(['PAYMENT_DECLINED', 'PAYMENT_PENDING', 'paid'].sort());

      // Let hanging payments end ABORTED and late ones approve at the provider, then reconcile until settled.
      await providerDecided(app);
      const { gateway, logger } = app.server.app.deps;
      for (let round = 0; round < 3; round++) {
        await reconcilePayments(app.server.orm, gateway, logger, new Date(), { staleAfterMs: 0 });
      }

      const orders = await app.em().find(Order, { store: store.storeId });
      expect(orders).toHaveLength(48);
      const byId = new Map(orders.map((o) => [o.id, o]));
      const charges = (app.server.sandbox?.allPayments() ?? []).filter((p) => p.status === 'DONE');
      // No charge without an order (paid, with our amount).
      for (const charge of charges) {
        const order = byId.get(charge.orderId);
        expect(order?.status, `charge ${charge.paymentKey}`).toBe('paid');
        expect(charge.totalAmount).toBe(order?.total);
      }
      // No paid order without a charge.
      const charged = new Set(charges.map((c) => c.orderId));
      const paidOrders = orders.filter((o) => o.status === 'paid');
      for (const order of paidOrders) expect(charged.has(order.id), `order ${order.id}`).toBe(true);
      expect(paidOrders.length).toBe(charges.length);
      // Nothing left in between: every payment was settled one way or the other.
      expect(orders.filter((o) => o.paymentState === 'unknown')).toEqual([]);
      // A failed attempt leaves its order payable (stock held) until the reservation ends; then it expires.
      expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['paid', 'pending_payment']));
      await expireOrders(app.server.orm, new Date(Date.now() + 3600_000));
      const settled = await app.em().find(Order, { store: store.storeId }, { refresh: true });
      expect(new Set(settled.map((o) => o.status))).toEqual(new Set(['paid', 'expired']));

      // Stock: what is left plus what paid orders hold is what there was (expired orders gave theirs back).
      const held = await app.em().find(OrderLine, { menuId: bulgogi, order: { status: 'paid' } });
      const left = (await app.em().findOneOrFail(Menu, { id: bulgogi })).stock as number;
      expect(left + held.reduce((n, l) => n + l.qty, 0)).toBe(STOCK);
    },
  );
});
