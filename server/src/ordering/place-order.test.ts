import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Menu } from '@hiorder/core/catalog';
import { Order, takeStock } from '@hiorder/core/ordering';
import { OutboxEvent } from '@hiorder/core/outbox';
import { sqlOf } from '@hiorder/core/db';
import {
  buildStore,
  createTestApp,
  emitAck,
  http,
  idemKey,
  openSocket,
  pairTablet,
  type StoreFixture,
  type TestApp,
} from '../testing/test-app';

describe('placeOrder', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablets: string[];

  beforeAll(async () => {
    // Admission control is tested on its own; here every placement must reach the rules.
    app = await createTestApp({ ADMISSION_MAX_INFLIGHT: '10000', ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '100000' });
    store = await buildStore(
      app,
      {
        bulgogi: { price: 15000, course: 'main', stock: 50 },
        galbi: { price: 22000, course: 'main' },
        rice: { price: 1000, course: 'side' },
        event: { price: 1000, course: 'other', limitPerVisit: 1, stock: 100 },
        sold: { soldOut: true },
        hidden: { hidden: true },
        cola: { price: 2000, course: 'other' },
        counted: { price: 3000, course: 'other', stock: 3 },
        trapped: { price: 3000, course: 'other', stock: 5 },
      },
      12,
    );
    tablets = await Promise.all(store.tableIds.map((t) => pairTablet(app, store, t)));
  });
  afterAll(() => app.close());

  const place = (token: string, lines: unknown[], key = idemKey()) =>
    http(app, 'POST', '/api/orders', token, { idempotencyKey: key, lines });
  const menuId = (k: string) => (store.menus[k] as Menu).id;

  it('never oversells: 200 concurrent placements for a stock of 50 accept exactly 50 (I1)', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => place(tablets[i % tablets.length] as string, [{ menuId: menuId('bulgogi'), qty: 1 }])),
    );
    const accepted = results.filter((r) => r.status === 201);
    const rejected = results.filter((r) => r.status !== 201);
    expect(accepted).toHaveLength(50);
    expect(rejected.every((r) => r.status === 409 && ['OUT_OF_STOCK', 'MENU_UNAVAILABLE'].includes(r.body.error.code))).toBe(true);
    const menu = await app.em().findOneOrFail(Menu, { id: menuId('bulgogi') });
    expect(menu.stock).toBe(0);
    const lines = await app
      .em()
      .getConnection()
      .execute<{ n: number }[]>('select coalesce(sum(qty), 0) as n from order_line where menu_id = ?', [menuId('bulgogi')]);
    expect(Number(lines[0]?.n)).toBe(50);
  });

  it('lets one visit order a once-per-visit menu once, with 20 concurrent tries (rule 3)', async () => {
    const token = tablets[0] as string;
    const results = await Promise.all(Array.from({ length: 20 }, () => place(token, [{ menuId: menuId('event'), qty: 1 }])));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.error.code === 'LIMIT_PER_VISIT')).toBe(true);
    expect(results.filter((r) => r.status === 422)).toHaveLength(19);
  });

  it('makes one order of one idempotency key sent 50 times at once, answering all 50 alike (I3)', async () => {
    const key = idemKey();
    const token = tablets[2] as string;
    const results = await Promise.all(Array.from({ length: 50 }, () => place(token, [{ menuId: menuId('cola'), qty: 2 }], key)));
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const ids = new Set(results.map((r) => JSON.stringify(r.body)));
    expect(ids.size).toBe(1);
    expect(await app.em().count(Order, { idempotencyKey: key })).toBe(1);
  });

  it('makes one order of one key over the socket too, and acks with the order', async () => {
    const socket = await openSocket(app, '/tablet', { token: tablets[3] });
    const key = idemKey();
    const acks = await Promise.all(
      Array.from({ length: 10 }, () =>
        emitAck<{ id: string }>(socket, 'order:place', { idempotencyKey: key, lines: [{ menuId: menuId('cola'), qty: 1 }] }),
      ),
    );
    socket.close();
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(new Set(acks.map((a) => (a.ok ? a.data.id : null))).size).toBe(1);
    expect(await app.em().count(Order, { idempotencyKey: key })).toBe(1);
  });

  it('refuses one key sent again with another cart (IDEMPOTENCY_KEY_REUSED), over HTTP and the socket, and replays the same cart', async () => {
    const token = tablets[9] as string;
    const key = idemKey();
    const cart = [{ menuId: menuId('cola'), qty: 1 }];
    const first = await place(token, cart, key);
    expect(first.status).toBe(201);
    for (const other of [
      [{ menuId: menuId('cola'), qty: 2 }],
      [{ menuId: menuId('galbi'), qty: 1 }],
      [...cart, { menuId: menuId('galbi'), qty: 1 }],
    ]) {
      const reused = await place(token, other, key);
      expect(reused.status, JSON.stringify(other)).toBe(422);
      expect(reused.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { orderId: first.body.id } });
    }
    const noted = await http(app, 'POST', '/api/orders', token, { idempotencyKey: key, lines: cart, note: 'no onions' });
    expect(noted.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const socket = await openSocket(app, '/tablet', { token });
    const viaSocket = await emitAck(socket, 'order:place', { idempotencyKey: key, lines: [{ menuId: menuId('cola'), qty: 3 }] });
    const sameViaSocket = await emitAck<{ id: string }>(socket, 'order:place', { idempotencyKey: key, lines: cart });
    socket.close();
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(sameViaSocket).toMatchObject({ ok: true, data: { id: first.body.id } });
    const replay = await place(token, cart, key);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(await app.em().count(Order, { idempotencyKey: key })).toBe(1);
  });

  it('ignores the price a client sends and prices from the catalog (rule 4)', async () => {
    const res = await place(tablets[4] as string, [{ menuId: menuId('cola'), qty: 3, unitPrice: 1 }]);
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(6000);
    expect(res.body.lines[0].unitPrice).toBe(2000);
  });

  it('rejects a side without a main with SIDE_WITHOUT_MAIN, and accepts it beside a main', async () => {
    const token = tablets[5] as string;
    const alone = await place(token, [{ menuId: menuId('rice'), qty: 1 }]);
    expect(alone.status).toBe(422);
    expect(alone.body.error.code).toBe('SIDE_WITHOUT_MAIN');
    const withMain = await place(token, [
      { menuId: menuId('rice'), qty: 1 },
      { menuId: menuId('galbi'), qty: 1 },
    ]);
    expect(withMain.status).toBe(201);
    // A sold-out main does not unlock a side.
    const soldOutMain = await place(tablets[8] as string, [
      { menuId: menuId('rice'), qty: 1 },
      { menuId: menuId('sold'), qty: 1 },
    ]);
    expect(soldOutMain.body.error.details.violations.map((v: { code: string }) => v.code).sort()).toEqual([
      'MENU_UNAVAILABLE',
      'SIDE_WITHOUT_MAIN',
    ]);
  });

  it('rejects sold-out, hidden and unknown menus with MENU_UNAVAILABLE and writes nothing', async () => {
    const before = await app.em().count(OutboxEvent, {});
    for (const id of [menuId('sold'), menuId('hidden'), '01900000-0000-7000-8000-000000000000']) {
      const res = await place(tablets[6] as string, [{ menuId: id, qty: 1 }]);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('MENU_UNAVAILABLE');
    }
    expect(await app.em().count(OutboxEvent, {})).toBe(before);
  });

  it('refuses, in the conditional decrement itself, to take more than is left (I1, whatever the database serialises)', async () => {
    // The race above cannot fail on SQLite without the guard (SQLite runs the racers one by one, and the rules
    // read the stock first); this asks the statement itself.
    const sql = sqlOf(app.em());
    const id = menuId('counted');
    const stockNow = async () => (await app.em().findOneOrFail(Menu, { id }, { disableIdentityMap: true })).stock;
    expect(await takeStock(sql, id, 4)).toBeNull();
    expect(await stockNow()).toBe(3);
    expect(await takeStock(sql, id, 3)).toMatchObject({ menuId: id, stock: 0 });
    expect(await takeStock(sql, id, 1)).toBeNull();
    expect(await stockNow()).toBe(0);
  });

  it('leaves nothing behind when the placement fails after, or while, writing its order.placed event (one transaction)', async () => {
    // Triggers make a statement of the placement fail: the stock decrement (the last statement, after the order
    // and its event), or the event's own insert. Either way the order, its lines, its event and a new visit
    // must all be gone — which they are not if the event gets a transaction of its own, before or after.
    const conn = app.em().getConnection();
    const postgres = app.db.url.startsWith('postgres');
    const counts = async () => {
      const rows = await conn.execute<Record<string, unknown>[]>(
        'select (select count(*) from orders) as orders, (select count(*) from order_line) as lines, (select count(*) from outbox_event) as events, (select count(*) from visit) as visits',
      );
      return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
    };
    const failing = async (
      trigger: { table: string; event: string; when: { sqlite: string; postgres: string } },
      token: string,
      lines: unknown[],
    ) => {
      if (postgres) {
        await conn.execute(
          `create function hiorder_test_fail() returns trigger as $$ begin raise exception 'injected failure'; end $$ language plpgsql`,
        );
        await conn.execute(
          `create trigger hiorder_test_fail before ${trigger.event} on ${trigger.table} for each row when (${trigger.when.postgres}) execute function hiorder_test_fail()`,
        );
      } else {
        await conn.execute(
          `create trigger hiorder_test_fail before ${trigger.event} on ${trigger.table} when ${trigger.when.sqlite} begin select raise(abort, 'injected failure'); end`,
        );
      }
      try {
        const before = await counts();
        const failed = await place(token, lines);
        expect(failed.status, JSON.stringify(failed.body)).toBe(500);
        expect(await counts()).toEqual(before);
      } finally {
        await conn.execute(postgres ? `drop trigger hiorder_test_fail on ${trigger.table}` : 'drop trigger hiorder_test_fail');
        if (postgres) await conn.execute('drop function hiorder_test_fail()');
      }
    };
    const trapped = menuId('trapped');
    await failing(
      { table: 'menu', event: 'update of stock', when: { sqlite: `new.id = '${trapped}'`, postgres: `new.id = '${trapped}'::uuid` } },
      tablets[10] as string,
      [
        { menuId: menuId('cola'), qty: 1 },
        { menuId: trapped, qty: 1 },
      ],
    );
    expect(await app.em().findOneOrFail(Menu, { id: trapped }, { disableIdentityMap: true })).toMatchObject({ stock: 5 });
    const galbi = menuId('galbi');
    await failing(
      {
        table: 'outbox_event',
        event: 'insert',
        when: {
          sqlite: `new.type = 'order.placed' and new.payload like '%${galbi}%'`,
          postgres: `new.type = 'order.placed' and new.payload::text like '%${galbi}%'`,
        },
      },
      tablets[11] as string,
      [{ menuId: galbi, qty: 1 }],
    );
    expect((await place(tablets[10] as string, [{ menuId: trapped, qty: 1 }])).status).toBe(201);
    expect((await place(tablets[11] as string, [{ menuId: galbi, qty: 1 }])).status).toBe(201);
  });

  it('writes the order and its order.placed event in one transaction', async () => {
    const res = await place(tablets[7] as string, [{ menuId: menuId('cola'), qty: 1 }]);
    const events = await app.em().find(OutboxEvent, { aggregateId: res.body.id });
    expect(events.map((e) => e.type)).toEqual(['order.placed']);
  });

  it('answers the order as it stored it: priced lines with their notes, the reservation, and its events with the stock left', async () => {
    const trapped = menuId('trapped');
    const stockBefore = (await app.em().findOneOrFail(Menu, { id: trapped }, { disableIdentityMap: true })).stock as number;
    const res = await http(app, 'POST', '/api/orders', tablets[1] as string, {
      idempotencyKey: idemKey(),
      lines: [
        { menuId: menuId('cola'), qty: 2, note: '얼음 없이' },
        { menuId: trapped, qty: 1 },
      ],
      note: 'window seat',
    });
    expect(res.status).toBe(201);
    const order = res.body;
    expect(order).toMatchObject({
      status: 'pending_payment',
      payment: 'none',
      note: 'window seat',
      total: 7000,
      paidAt: null,
      revision: 0,
    });
    expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBe(10 * 60 * 1000);
    expect(order.lines).toMatchObject([
      { menuId: menuId('cola'), qty: 2, unitPrice: 2000, lineTotal: 4000, note: '얼음 없이', options: [], readyAt: null },
      { menuId: trapped, qty: 1, unitPrice: 3000, lineTotal: 3000, note: '', options: [], readyAt: null },
    ]);
    const cola = store.menus.cola as Menu;
    expect(order.lines[0]).toMatchObject({ name: { ko: cola.nameKo, en: cola.nameEn }, course: cola.course, categoryId: cola.category.id });

    const placed = await app.em().find(OutboxEvent, { aggregateId: order.id });
    expect(placed.map((e) => [e.type, e.payload])).toEqual([['order.placed', { order }]]);
    // The placement's own stock.changed: same instant as the order, the level after its decrement.
    const stock = (await app.em().find(OutboxEvent, { type: 'stock.changed', aggregateId: store.storeId })).filter(
      (e) => e.occurredAt.toISOString() === order.createdAt,
    );
    expect(stock.map((e) => e.payload)).toEqual([
      { version: expect.any(Number), menus: [{ menuId: trapped, stock: stockBefore - 1, soldOut: false }] },
    ]);
  });

  it('refuses a cart naming every menu that is wrong, by its name, and no order is written', async () => {
    const before = await app.em().count(Order, {});
    const res = await place(tablets[1] as string, [
      { menuId: menuId('sold'), qty: 1 },
      { menuId: menuId('trapped'), qty: 99 },
    ]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('MENU_UNAVAILABLE');
    const sold = store.menus.sold as Menu;
    expect(res.body.error.message).toContain(sold.nameEn || sold.nameKo);
    expect(res.body.error.details.violations.map((v: { code: string }) => v.code)).toEqual(['MENU_UNAVAILABLE', expect.any(String)]);
    expect(await app.em().count(Order, {})).toBe(before);
  });
});
