import type { Menu } from '@hiorder/core/catalog';
import { sqlTransaction } from '@hiorder/core/db';
import { changeOrderStatus } from '@hiorder/core/ordering';
import { storeToday } from '@hiorder/domain/shared/store-time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStore, createTestApp, http, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { storeEventsForwarded } from '../testing/wait';

describe('order history read model', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablets: string[];
  const ids: Record<string, string> = {};

  const search = (query: string, token = store.staffToken) => http(app, 'GET', `/api/order-history?${query}`, token);

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(
      app,
      { bulgogi: { price: 15000, course: 'main', name: '=불고기 "특"' }, cola: { price: 2000, course: 'other' } },
      3,
    );
    tablets = await Promise.all(store.tableIds.map((t) => pairTablet(app, store, t)));
    const place = async (i: number, menu: string) =>
      (
        await http(app, 'POST', '/api/orders', tablets[i], {
          idempotencyKey: idemKey(),
          lines: [{ menuId: (store.menus[menu] as Menu).id, qty: 2 }],
        })
      ).body.id as string;
    ids.paid = await place(0, 'bulgogi');
    ids.refunded = await place(0, 'cola');
    ids.pending = await place(1, 'cola');
    ids.other = await place(2, 'bulgogi');
    for (const id of [ids.paid, ids.refunded, ids.other])
      await sqlTransaction(app.em(), (sql) => changeOrderStatus(sql, id as string, { to: 'paid' }, new Date()));
    await sqlTransaction(app.em(), (sql) =>
      changeOrderStatus(sql, ids.refunded as string, { to: 'cancelled', reason: 'test', refunded: true }, new Date()),
    );
    await storeEventsForwarded(app, store.storeId);
  });
  afterAll(() => app.close());

  it('searches by table, status and payment method, newest first and paged', async () => {
    const table0 = await search(`tableId=${store.tableIds[0]}`);
    expect(table0.body.rows.map((r: { orderId: string }) => r.orderId)).toEqual([ids.refunded, ids.paid]);
    expect(table0.body.total).toBe(2);
    const refunded = table0.body.rows[0];
    expect(refunded).toMatchObject({
      status: 'cancelled',
      refunded: 4000,
      paymentMethod: 'easy_pay',
      items: expect.stringContaining('×2'),
    });

    const cancelled = await search('status=cancelled,pending_payment');
    expect(cancelled.body.rows.map((r: { orderId: string }) => r.orderId).sort()).toEqual([ids.refunded, ids.pending].sort());
    const unpaidHasNoMethod = cancelled.body.rows.find((r: { orderId: string }) => r.orderId === ids.pending);
    expect(unpaidHasNoMethod.paymentMethod).toBeNull();
    expect((await search('method=easy_pay')).body.total).toBe(3);
    expect((await search('method=cash')).body.total).toBe(0);

    const page2 = await search('pageSize=3&page=2');
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.body.rows).toHaveLength(1);
  });

  it('filters by business day in the store time zone', async () => {
    const today = storeToday(new Date(), 'Asia/Seoul');
    expect((await search(`from=${today}&to=${today}`)).body.total).toBe(4);
    expect((await search('from=2001-01-01&to=2001-01-02')).body.total).toBe(0);
    expect((await search('from=2001-13-01')).status).toBe(400);
  });

  it('shows a tablet its own visit only, and kitchens nothing', async () => {
    const own = await search(`tableId=${store.tableIds[2]}`, tablets[1]);
    expect(own.body.rows.map((r: { orderId: string }) => r.orderId)).toEqual([ids.pending]);
    expect((await http(app, 'GET', '/api/order-history.csv', tablets[1])).status).toBe(403);
  });

  it('exports CSV that Excel opens: UTF-8 with BOM, Korean intact, formulas defused', async () => {
    const res = await fetch(`${app.url}/api/order-history.csv?tableId=${store.tableIds[0]}`, {
      headers: { authorization: `Bearer ${store.staffToken}` },
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toContain('"주문번호 Order"');
    expect(lines).toHaveLength(3);
    expect(text).toContain(`"'=불고기 ""특"" ×2"`);
    expect(lines[1]).toContain('"cancelled"');
  });

  it('records the method of a counter payment (cash), which stays through later events and makes the cash expected', async () => {
    const placed = await http(app, 'POST', '/api/orders', tablets[1], {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.cola as Menu).id, qty: 3 }],
    });
    expect((await http(app, 'POST', `/api/orders/${placed.body.id}/pay-at-counter`, tablets[1])).status).toBe(200);
    expect((await http(app, 'POST', `/api/orders/${placed.body.id}/settle`, store.staffToken, { method: 'cash' })).status).toBe(200);
    expect((await http(app, 'POST', `/api/orders/${placed.body.id}/serve`, store.staffToken)).status).toBe(200);
    await storeEventsForwarded(app, store.storeId);
    const cash = await search('method=cash');
    expect(cash.body.rows.map((r: { orderId: string; status: string }) => [r.orderId, r.status])).toEqual([[placed.body.id, 'served']]);
    const close = await http(app, 'GET', '/api/daily-close', store.staffToken);
    expect(close.body.cashExpected).toBe(6000);
    expect(close.body.methods.map((m: { method: string }) => m.method).sort()).toEqual(['cash', 'easy_pay']);
  });
});
