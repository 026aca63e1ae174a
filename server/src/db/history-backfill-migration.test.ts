import { newId, shortCode } from '@hiorder/domain/shared/ids';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@hiorder/core/testing';
import { forkEm, openDatabase, sqlOf } from '@hiorder/core/db';
import { readOrder, presentOrder } from '@hiorder/core/ordering';
import { searchOrderHistory } from '@hiorder/core/history';

/** The last migration before orders kept their payment method (the same name on both databases). */
const BEFORE = 'Migration20261129202200';

/**
 * The migration that keeps the payment method on the order upgrades a database whose orders were paid before it:
 * each paid order gets the method `order.paid` recorded, else its counter payment's, else easy pay; and the
 * order history, whose processor came after the first orders, gets a row for every order it never saw (its state
 * now, at its newest event), leaving the rows the processor made alone.
 */
describe('migration to orders keeping their payment method, with the history back-filled', () => {
  let db: TestDatabase | null = null;
  afterAll(async () => db?.drop());

  it('back-fills payment methods from events and counter payments, and the history from the orders', async () => {
    db = await createTestDatabase();
    const orm = await openDatabase({ databaseUrl: db.url, migrate: false });
    try {
      await orm.getMigrator().up({ to: BEFORE });
      const conn = orm.em.getConnection();
      const t0 = Date.parse('2026-11-20T03:00:00Z');
      const at = (minutes: number) => (db?.kind === 'sqlite' ? t0 + minutes * 60_000 : new Date(t0 + minutes * 60_000));
      const ids = { store: newId(), table: newId(), device: newId(), category: newId(), menu: newId(), cola: newId(), visit: newId() };
      await conn.execute('insert into store (id, slug, name, time_zone, created_at) values (?, ?, ?, ?, ?)', [
        ids.store,
        'old',
        '옛날 가게',
        'Asia/Seoul',
        at(0),
      ]);
      await conn.execute('insert into dining_table (id, store_id, label, created_at) values (?, ?, ?, ?)', [
        ids.table,
        ids.store,
        '3번',
        at(0),
      ]);
      await conn.execute(
        "insert into device (id, store_id, table_id, role, name, token_hash, created_at) values (?, ?, ?, 'table', 't', 'h', ?)",
        [ids.device, ids.store, ids.table, at(0)],
      );
      await conn.execute('insert into category (id, store_id, name_ko, created_at) values (?, ?, ?, ?)', [
        ids.category,
        ids.store,
        '메인',
        at(0),
      ]);
      for (const [id, name, price] of [
        [ids.menu, '떡볶이', 14000],
        [ids.cola, '콜라', 2000],
      ] as const) {
        await conn.execute(
          "insert into menu (id, store_id, category_id, name_ko, price, course, created_at, updated_at) values (?, ?, ?, ?, ?, 'main', ?, ?)",
          [id, ids.store, ids.category, name, price, at(0), at(0)],
        );
      }
      await conn.execute('insert into visit (id, store_id, table_id, opened_at) values (?, ?, ?, ?)', [
        ids.visit,
        ids.store,
        ids.table,
        at(0),
      ]);

      let seq = 0;
      const event = async (orderId: string, type: string, payload: object) =>
        conn.execute(
          'insert into outbox_event (id, store_id, type, aggregate_id, seq, occurred_at, payload) values (?, ?, ?, ?, ?, ?, ?)',
          [newId(), ids.store, type, orderId, ++seq, at(seq), JSON.stringify(payload)],
        );
      const payment = async (orderId: string, key: string, status: string, providerStatus: string, amount: number) =>
        conn.execute(
          'insert into payment (id, store_id, order_id, payment_key, amount, status, provider_status, attempts, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
          [newId(), ids.store, orderId, key, amount, status, providerStatus, at(1), at(1)],
        );
      /** An order as the old schema stored it, with a 떡볶이 ×`qty` line and a 콜라 ×1 line. */
      const order = async (n: number, status: string, paymentState: string, paid: boolean, cancelled = false) => {
        const id = newId();
        const total = 14000 * n + 2000;
        await conn.execute(
          `insert into orders (id, store_id, table_id, table_label, visit_id, device_id, idempotency_key, status, payment_state, total, created_at, expires_at, paid_at, cancelled_at, updated_at)
           values (?, ?, ?, '3번', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            ids.store,
            ids.table,
            ids.visit,
            ids.device,
            `k-old-${n}-${status}`,
            status,
            paymentState,
            total,
            at(n),
            at(n + 10),
            paid ? at(n + 1) : null,
            cancelled ? at(n + 2) : null,
            at(n + 2),
          ],
        );
        await conn.execute(
          `insert into order_line (id, order_id, position, menu_id, category_id, name_ko, name_en, course, qty, unit_price, line_total)
           values (?, ?, 0, ?, ?, '떡볶이', 'Tteokbokki', 'main', ?, 14000, ?), (?, ?, 1, ?, ?, '콜라', 'Cola', 'main', 1, 2000, 2000)`,
          [newId(), id, ids.menu, ids.category, n, 14000 * n, newId(), id, ids.cola, ids.category],
        );
        return { id, total };
      };

      // Paid with easy pay, the method on its event.
      const easy = await order(1, 'served', 'done', true);
      await event(easy.id, 'order.placed', { order: { id: easy.id } });
      await event(easy.id, 'order.paid', { order: { id: easy.id }, method: 'easy_pay' });
      await event(easy.id, 'order.served', { order: { id: easy.id } });
      // Cash at the counter: the event says so (its payment row too).
      const cash = await order(2, 'paid', 'done', true);
      await event(cash.id, 'order.paid', { order: { id: cash.id }, method: 'cash' });
      await payment(cash.id, `counter:${cash.id}`, 'done', 'COUNTER_CASH', cash.total);
      // The card terminal, its events gone: only the counter payment's row names the method.
      const card = await order(3, 'accepted', 'done', true);
      await payment(card.id, `counter:${card.id}`, 'done', 'COUNTER_CARD_TERMINAL', card.total);
      // Paid before events named a method, with a provider payment.
      const legacy = await order(4, 'served', 'done', true);
      await event(legacy.id, 'order.paid', { order: { id: legacy.id } });
      await payment(legacy.id, 'tgen_provider_key', 'done', 'DONE', legacy.total);
      // A counter payment refunded: its row only says it was the counter.
      const refunded = await order(5, 'cancelled', 'cancelled', true, true);
      await payment(refunded.id, `counter:${refunded.id}`, 'cancelled', 'CANCELED', refunded.total);
      // Never paid.
      const unpaid = await order(6, 'pending_payment', 'none', false);
      // One the history processor already keeps: its row stays as the processor wrote it.
      const kept = await order(7, 'paid', 'done', true);
      await event(kept.id, 'order.paid', { order: { id: kept.id }, method: 'other' });
      await conn.execute(
        `insert into order_history (order_id, store_id, table_id, table_label, visit_id, short_code, status, payment_method, total, refunded, items, item_count, created_at, paid_at, cancelled_at, last_seq)
         values (?, ?, ?, '3번', ?, '7777', 'paid', 'other', ?, 0, 'kept by the processor', 8, ?, ?, null, ?)`,
        [kept.id, ids.store, ids.table, ids.visit, kept.total, at(7), at(8), seq],
      );

      await orm.getMigrator().up();

      const methods: { id: string; payment_method: string | null }[] = await conn.execute('select id, payment_method from orders');
      expect(Object.fromEntries(methods.map((m) => [m.id, m.payment_method]))).toEqual({
        [easy.id]: 'easy_pay',
        [cash.id]: 'cash',
        [card.id]: 'card_terminal',
        [legacy.id]: 'easy_pay',
        [refunded.id]: 'other',
        [unpaid.id]: null,
        [kept.id]: 'other',
      });
      // The order on the wire carries it (what the bill reads).
      const stored = await readOrder(sqlOf(forkEm(orm)), { id: card.id });
      expect(stored && presentOrder(stored.order, stored.lines).paymentMethod).toBe('card_terminal');

      const { rows, total } = await searchOrderHistory(sqlOf(forkEm(orm)), { storeId: ids.store }, { limit: 50, offset: 0 });
      expect(total).toBe(7);
      const byId = new Map(rows.map((r) => [r.orderId, r]));
      expect(byId.get(easy.id)).toEqual({
        orderId: easy.id,
        shortCode: shortCode(easy.id),
        tableId: ids.table,
        tableLabel: '3번',
        visitId: ids.visit,
        status: 'served',
        paymentMethod: 'easy_pay',
        total: 16000,
        refunded: 0,
        items: '떡볶이 ×1, 콜라 ×1',
        itemCount: 2,
        createdAt: new Date(t0 + 60_000).toISOString(),
        paidAt: new Date(t0 + 2 * 60_000).toISOString(),
        cancelledAt: null,
      });
      expect(rows.map((r) => [r.orderId, r.status, r.paymentMethod, r.refunded, r.itemCount])).toEqual([
        [kept.id, 'paid', 'other', 0, 8],
        [unpaid.id, 'pending_payment', null, 0, 7],
        [refunded.id, 'cancelled', 'other', refunded.total, 6],
        [legacy.id, 'served', 'easy_pay', 0, 5],
        [card.id, 'accepted', 'card_terminal', 0, 4],
        [cash.id, 'paid', 'cash', 0, 3],
        [easy.id, 'served', 'easy_pay', 0, 2],
      ]);
      expect(byId.get(kept.id)?.items).toBe('kept by the processor');
      expect(byId.get(refunded.id)?.cancelledAt).toBe(new Date(t0 + 7 * 60_000).toISOString());

      // Each back-filled row sits at its order's newest event: a late copy of an older event can't replace it.
      const seqs: { order_id: string; last_seq: number | string }[] = await conn.execute('select order_id, last_seq from order_history');
      expect(Object.fromEntries(seqs.map((s) => [s.order_id, Number(s.last_seq)]))).toEqual({
        [easy.id]: 3,
        [cash.id]: 4,
        [card.id]: 0,
        [legacy.id]: 5,
        [refunded.id]: 0,
        [unpaid.id]: 0,
        [kept.id]: 6,
      });
    } finally {
      await orm.close();
    }
  });
});
