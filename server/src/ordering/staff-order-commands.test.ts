import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { newId } from '@hiorder/domain/shared/ids';
import { Category, Menu } from '@hiorder/core/catalog';
import {
  authorizeCard,
  buildStore,
  createTestApp,
  http,
  idemKey,
  pairKitchen,
  pairTablet,
  type StoreFixture,
  type TestApp,
} from '../testing/test-app';

/** galbi and pajeon from the kitchen, soju from the bar (its own category of station `bar`). */
async function buildTwoStationStore(app: TestApp): Promise<StoreFixture> {
  const store = await buildStore(app, { galbi: { price: 15000 }, pajeon: { price: 12000 }, soju: { price: 5000, course: 'other' } });
  const em = app.em();
  const bar = em.create(Category, {
    id: newId(),
    store: store.storeId,
    nameKo: '주류',
    nameEn: 'Drinks',
    position: 2,
    station: 'bar',
    createdAt: new Date(),
  });
  await em.flush();
  await em.nativeUpdate(Menu, { id: (store.menus.soju as Menu).id }, { category: bar.id });
  return store;
}

describe('staff order commands (accept, serve) against the lifecycle table', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;
  let kitchen: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildTwoStationStore(app);
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
    kitchen = await pairKitchen(app, store);
  });
  afterAll(() => app.close());

  const line = (key: string, qty = 1) => ({ menuId: (store.menus[key] as Menu).id, qty });
  const place = async (lines = [line('galbi')]) => {
    const placed = await http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines });
    expect(placed.status).toBe(201);
    return placed.body as OrderDto;
  };
  const placeAndPay = async (lines = [line('galbi')]) => {
    const order = await place(lines);
    const paymentKey = await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.approve);
    const paid = await http(app, 'POST', `/api/orders/${order.id}/pay`, tablet, { paymentKey });
    expect(paid.body.status).toBe('paid');
    return order.id;
  };

  it('lets the kitchen serve a paid order nobody accepted, accepting it implicitly', async () => {
    const orderId = await placeAndPay();
    const served = await http(app, 'POST', `/api/orders/${orderId}/serve`, kitchen);
    expect(served.status).toBe(200);
    expect(served.body.status).toBe('served');
    expect(served.body.acceptedAt).toBe(served.body.servedAt);
  });

  it('keeps the accepted time of an order accepted before it was served', async () => {
    const orderId = await placeAndPay();
    const accepted = await http(app, 'POST', `/api/orders/${orderId}/accept`, store.staffToken);
    expect(accepted.body.status).toBe('accepted');
    await new Promise((r) => setTimeout(r, 5));
    const served = await http(app, 'POST', `/api/orders/${orderId}/serve`, kitchen);
    expect(served.body.acceptedAt).toBe(accepted.body.acceptedAt);
    expect(served.body.servedAt).not.toBe(accepted.body.acceptedAt);
  });

  it('refuses what the table forbids with INVALID_STATE and the status it found', async () => {
    const unpaid = await place();
    const serveUnpaid = await http(app, 'POST', `/api/orders/${unpaid.id}/serve`, kitchen);
    expect(serveUnpaid.status).toBe(409);
    expect(serveUnpaid.body.error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'pending_payment' } });

    const orderId = await placeAndPay();
    await http(app, 'POST', `/api/orders/${orderId}/serve`, kitchen);
    const acceptServed = await http(app, 'POST', `/api/orders/${orderId}/accept`, store.staffToken);
    expect(acceptServed.status).toBe(409);
    expect(acceptServed.body.error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'served' } });
    const cancelServed = await http(app, 'POST', `/api/orders/${orderId}/cancel`, store.staffToken, { reason: 'late' });
    expect(cancelServed.status).toBe(409);
    expect(cancelServed.body.error.code).toBe('INVALID_STATE');
  });
});

describe('bumpOrder: line progress per station', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;
  let kitchen: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildTwoStationStore(app);
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
    kitchen = await pairKitchen(app, store);
  });
  afterAll(() => app.close());

  const twoStations = async (): Promise<OrderDto> => {
    const lines = ['galbi', 'pajeon', 'soju'].map((k) => ({ menuId: (store.menus[k] as Menu).id, qty: 1 }));
    const placed = await http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines });
    const paymentKey = await authorizeCard(app, placed.body.id, placed.body.total, SANDBOX_CARDS.approve);
    const paid = await http(app, 'POST', `/api/orders/${placed.body.id}/pay`, tablet, { paymentKey });
    expect(paid.body.status).toBe('paid');
    return paid.body as OrderDto;
  };
  const bump = (orderId: string, body: unknown) => http(app, 'POST', `/api/orders/${orderId}/bump`, kitchen, body);
  /** The events of one order a kitchen display receives when it catches up from the start (I8), once `count` are published. */
  const kitchenEventsOf = async (orderId: string, count: number): Promise<DomainEvent[]> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mine: DomainEvent[] = [];
      let since = 0;
      for (;;) {
        const page = (await http(app, 'GET', `/api/events?since=${since}`, kitchen)).body as { events: DomainEvent[]; more: boolean };
        mine.push(...page.events.filter((e) => e.aggregateId === orderId));
        since = page.events.at(-1)?.seq ?? since;
        if (!page.more) break;
      }
      if (mine.length >= count) return mine;
      if (Date.now() > deadline) throw new Error(`only ${mine.length} of ${count} events of ${orderId} were published`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('snapshots each line’s station from its category at placement', async () => {
    const order = await twoStations();
    expect(order.lines.map((l) => [l.station, l.readyAt])).toEqual([
      ['kitchen', null],
      ['kitchen', null],
      ['bar', null],
    ]);
  });

  it('finishes only the bar’s lines on a bar bump; the order is served when the kitchen bumps too', async () => {
    const order = await twoStations();
    const barBump = await bump(order.id, { station: 'bar' });
    expect(barBump.status).toBe(200);
    const afterBar = barBump.body as OrderDto;
    expect(afterBar.status).toBe('accepted');
    expect(afterBar.lines.map((l) => l.readyAt !== null)).toEqual([false, false, true]);
    expect(afterBar.revision).toBeGreaterThan(order.revision);

    // The kitchen still has its two lines to make, whoever asks.
    const board = await http(app, 'GET', '/api/board', kitchen);
    const onKitchen = (board.body.orders as OrderDto[]).find((o) => o.id === order.id);
    expect(onKitchen?.lines.filter((l) => l.readyAt === null).map((l) => l.station)).toEqual(['kitchen', 'kitchen']);

    const served = (await bump(order.id, { station: 'kitchen' })).body as OrderDto;
    expect(served.status).toBe('served');
    expect(served.lines.every((l) => l.readyAt !== null)).toBe(true);

    // The events say what changed, and a kitchen catching up receives them all (I8).
    const events = await kitchenEventsOf(order.id, 5);
    expect(events.map((e) => e.type)).toEqual(['order.paid', 'order.lines_bumped', 'order.accepted', 'order.lines_bumped', 'order.served']);
    const bumped = events.filter((e): e is Extract<DomainEvent, { type: 'order.lines_bumped' }> => e.type === 'order.lines_bumped');
    expect(bumped.map((e) => [...e.payload.lineIds].sort())).toEqual([
      [order.lines[2]?.id],
      [order.lines[0]?.id, order.lines[1]?.id].sort(),
    ]);
    expect(bumped.map((e) => e.payload.ready)).toEqual([true, true]);
    const revisions = events.map((e) => ('order' in e.payload ? e.payload.order.revision : -1));
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
  });

  it('changes nothing on a second bump of the same station, and records no event', async () => {
    const order = await twoStations();
    const first = (await bump(order.id, { station: 'bar' })).body as OrderDto;
    const again = (await bump(order.id, { station: 'bar' })).body as OrderDto;
    expect(again.revision).toBe(first.revision);
    // The next events after the repeated bump are the kitchen's own: nothing was recorded in between.
    await bump(order.id, { station: 'kitchen' });
    const events = await kitchenEventsOf(order.id, 5);
    expect(events.map((e) => e.type)).toEqual(['order.paid', 'order.lines_bumped', 'order.accepted', 'order.lines_bumped', 'order.served']);
  });

  it('checks off one line, and recalls a served order (served → accepted, its lines open again)', async () => {
    const order = await twoStations();
    const galbi = order.lines[0]?.id as string;
    const checked = (await bump(order.id, { lineIds: [galbi] })).body as OrderDto;
    expect(checked.lines.map((l) => l.readyAt !== null)).toEqual([true, false, false]);
    const served = (await http(app, 'POST', `/api/orders/${order.id}/serve`, kitchen)).body as OrderDto;
    expect(served.status).toBe('served');

    const recalled = (await bump(order.id, { station: 'bar', ready: false })).body as OrderDto;
    expect(recalled.status).toBe('accepted');
    expect(recalled.lines.map((l) => l.readyAt !== null)).toEqual([true, true, false]);
    expect(recalled.revision).toBeGreaterThan(served.revision);
  });

  it('refuses a line of another order (NOT_FOUND) and a cancelled order (INVALID_STATE)', async () => {
    const order = await twoStations();
    const other = await twoStations();
    const foreign = await bump(order.id, { lineIds: [other.lines[0]?.id] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    await http(app, 'POST', `/api/orders/${order.id}/cancel`, store.staffToken, { reason: 'guest left' });
    const cancelled = await bump(order.id, { station: 'kitchen' });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'cancelled' } });
    const both = await bump(other.id, { station: 'bar', lineIds: [other.lines[2]?.id] });
    expect(both.status).toBe(400);
  });
});
