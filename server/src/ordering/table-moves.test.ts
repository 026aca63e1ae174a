import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import { sqlTransaction } from '@hiorder/core/db';
import { OutboxEvent } from '@hiorder/core/outbox';
import { buildStore, createTestApp, http, idemKey, openSocket, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { changeOrderStatus } from '@hiorder/core/ordering';

describe('table moves and merges', () => {
  let app: TestApp;
  let store: StoreFixture;
  let other: StoreFixture;
  let tablets: string[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await createTestApp({ ADMISSION_MAX_INFLIGHT: '10000' });
    store = await buildStore(
      app,
      { bulgogi: { price: 15000, course: 'main' }, event: { price: 1000, course: 'other', limitPerVisit: 1 } },
      12,
    );
    other = await buildStore(app, { cola: { price: 2000, course: 'other' } }, 1);
    tablets = await Promise.all(store.tableIds.map((t) => pairTablet(app, store, t)));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  const table = (i: number) => ({ id: store.tableIds[i] as string, token: tablets[i] as string });
  const menu = (k: string) => (store.menus[k] as Menu).id;
  const place = (i: number, k = 'bulgogi') =>
    http(app, 'POST', '/api/orders', table(i).token, { idempotencyKey: idemKey(), lines: [{ menuId: menu(k), qty: 1 }] });
  const staff = (method: string, path: string, body?: unknown) => http(app, method, path, store.staffToken, body);
  const tabletOrders = async (i: number) =>
    (await http(app, 'GET', '/api/orders', table(i).token)).body as { id: string; tableId: string; tableLabel: string; visitId: string }[];
  /** Resolves with the first `event` the socket hears, or fails naming what it waited for. */
  const heard = (socket: Socket, event: string) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within 10 s`)), 10_000);
      socket.once(event, (payload: unknown) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });

  it('moves a visit to a free table: its orders, tablets and events follow', async () => {
    const first = (await place(0)).body;
    await sqlTransaction(app.em(), (sql) => changeOrderStatus(sql, first.id, { to: 'paid' }, new Date()));
    const second = (await place(0)).body;
    const oldTablet = await openSocket(app, '/tablet', { token: table(0).token });
    const newTablet = await openSocket(app, '/tablet', { token: table(1).token });
    sockets.push(oldTablet, newTablet);
    const oldClosed = heard(oldTablet, 'visit:closed');
    const newChanged = heard(newTablet, 'visit:changed');

    const moved = await staff('POST', `/api/tables/${table(0).id}/move-visit`, { toTableId: table(1).id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ visitId: first.visitId, tableId: table(1).id, tableLabel: 'T2' });
    await Promise.all([oldClosed, newChanged]);

    expect(await tabletOrders(0)).toEqual([]);
    const now = await tabletOrders(1);
    expect(now.map((o) => o.id).sort()).toEqual([first.id, second.id].sort());
    expect(now.every((o) => o.tableId === table(1).id && o.tableLabel === 'T2' && o.visitId === first.visitId)).toBe(true);
    const events = await app
      .em()
      .find(OutboxEvent, { aggregateId: { $in: [first.id, second.id, first.visitId] } }, { orderBy: { occurredAt: 'asc' } });
    expect(events.filter((e) => e.type === 'order.moved')).toHaveLength(2);
    expect(events.find((e) => e.type === 'visit.moved')?.payload).toMatchObject({ fromTableId: table(0).id, toTableId: table(1).id });
    // The old table is free again: its next order opens a new visit.
    expect((await place(0)).body.visitId).not.toBe(first.visitId);
  });

  it('refuses a move onto an occupied table, to another store, or without a visit, each with its code', async () => {
    await place(2);
    await place(3);
    const occupied = await staff('POST', `/api/tables/${table(2).id}/move-visit`, { toTableId: table(3).id });
    expect([occupied.status, occupied.body.error.code]).toEqual([409, 'TABLE_OCCUPIED']);
    const foreign = await staff('POST', `/api/tables/${table(2).id}/move-visit`, { toTableId: other.tableIds[0] });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const fromForeign = await staff('POST', `/api/tables/${other.tableIds[0]}/merge-visit`, { intoTableId: table(2).id });
    expect(fromForeign.body.error.code).toBe('NOT_FOUND');
    const empty = await staff('POST', `/api/tables/${table(4).id}/move-visit`, { toTableId: table(5).id });
    expect([empty.status, empty.body.error.code]).toEqual([409, 'INVALID_STATE']);
    const same = await staff('POST', `/api/tables/${table(2).id}/move-visit`, { toTableId: table(2).id });
    expect(same.body.error.code).toBe('INVALID_STATE');
    expect((await http(app, 'POST', `/api/tables/${table(2).id}/move-visit`, table(2).token, { toTableId: table(5).id })).status).toBe(403);
  });

  it('merges two visits that both ordered the once-per-visit menu: both orders stay, a third is refused', async () => {
    const a = (await place(6, 'event')).body;
    const b = (await place(7, 'event')).body;
    expect([a.status, b.status]).toEqual(['pending_payment', 'pending_payment']);
    const merged = await staff('POST', `/api/tables/${table(6).id}/merge-visit`, { intoTableId: table(7).id });
    expect(merged.status).toBe(200);
    expect(merged.body.visitId).toBe(b.visitId);
    expect(merged.body.orderIds.sort()).toEqual([a.id, b.id].sort());

    expect((await tabletOrders(7)).map((o) => o.id).sort()).toEqual([a.id, b.id].sort());
    expect(await tabletOrders(6)).toEqual([]);
    const third = await place(7, 'event');
    expect([third.status, third.body.error?.code]).toEqual([422, 'LIMIT_PER_VISIT']);
    const closed = await app
      .em()
      .getConnection()
      .execute<{ closed_at: unknown }[]>('select closed_at from visit where id = ?', [a.visitId]);
    expect(closed[0]?.closed_at).not.toBeNull();
  });

  it('moves one order to another table, opening a visit there when it is free', async () => {
    const keep = (await place(8)).body;
    const single = (await place(8)).body;
    const moved = await staff('POST', `/api/orders/${single.id}/move`, { toTableId: table(9).id });
    expect(moved.status).toBe(200);
    expect((await tabletOrders(9)).map((o) => o.id)).toEqual([single.id]);
    expect((await tabletOrders(8)).map((o) => o.id)).toEqual([keep.id]);
    const back = await staff('POST', `/api/orders/${single.id}/move`, { toTableId: table(8).id });
    expect(back.body.visitId).toBe(keep.visitId);
    expect((await tabletOrders(8)).map((o) => o.id).sort()).toEqual([keep.id, single.id].sort());
  });

  it('lands every order placed while its visit moves on exactly one visit, at the table of that visit', async () => {
    const opener = (await place(10)).body;
    const [move, ...placed] = await Promise.all([
      staff('POST', `/api/tables/${table(10).id}/move-visit`, { toTableId: table(11).id }),
      ...Array.from({ length: 8 }, () => place(10)),
    ]);
    expect(move?.status).toBe(200);
    expect(placed.every((p) => p.status === 201)).toBe(true);
    const ids = [opener.id, ...placed.map((p) => p.body.id as string)];
    const rows = await app
      .em()
      .getConnection()
      .execute<{ id: string; table_id: string; visit_id: string; visit_table_id: string }[]>(
        `select o.id as id, o.table_id as table_id, o.visit_id as visit_id, v.table_id as visit_table_id
         from orders o join visit v on v.id = o.visit_id where o.id in (${ids.map(() => '?').join(', ')})`,
        ids,
      );
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) expect(row.table_id, `order ${row.id}`).toBe(row.visit_table_id);
    const moved = rows.filter((r) => r.visit_id === opener.visitId);
    const stayed = rows.filter((r) => r.visit_id !== opener.visitId);
    expect(moved.every((r) => r.table_id === table(11).id)).toBe(true);
    // Orders placed after the move opened one new visit at the old table, not one each.
    expect(new Set(stayed.map((r) => r.visit_id)).size).toBeLessThanOrEqual(1);
    expect(stayed.every((r) => r.table_id === table(10).id)).toBe(true);
    const seen = [...(await tabletOrders(10)), ...(await tabletOrders(11))].map((o) => o.id).sort();
    expect(seen).toEqual([...ids].sort());
  });
});
