import { sqlOf } from '@hiorder/core/db';
import { setEventsAside } from '@hiorder/core/outbox';
import type { Menu } from '@hiorder/core/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStore, createTestApp, http, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

/**
 * The HTTP side of poison events (the workers set them aside: `workers/src/poison-event.test.ts`): the ops route lists
 * the caller's store's own to its admins, and the `hiorder_event_failures` gauge counts them.
 */
describe('events set aside, as operations see them', () => {
  const METRICS_TOKEN = 'scrape-me-0123456789abcdef';
  let app: TestApp;
  let store: StoreFixture;

  beforeAll(async () => {
    app = await createTestApp({ METRICS_TOKEN });
    store = await buildStore(app, { bulgogi: { price: 15000 } });
  });
  afterAll(() => app.close());

  it('lists a set-aside event to its store admin only, and the gauge counts it', async () => {
    const tablet = await pairTablet(app, store, store.tableIds[0] as string);
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.bulgogi as Menu).id, qty: 1 }],
    });
    expect(placed.status).toBe(201);
    const [event] = await sqlOf(app.em()).all<{ id: string; type: string }>(
      "select id, type from outbox_event where store_id = ? and type = 'order.placed'",
      [store.storeId],
    );
    if (!event) throw new Error('no order.placed event to set aside');
    await setEventsAside(
      sqlOf(app.em()),
      [{ processor: 'stats', eventId: event.id, storeId: store.storeId, eventType: event.type, error: 'boom', attempts: 5 }],
      new Date(),
    );

    const listed = await http(app, 'GET', '/api/ops/event-failures', store.adminToken);
    expect(listed.status).toBe(200);
    expect(listed.body.failures).toEqual([
      expect.objectContaining({ processor: 'stats', eventId: event.id, eventType: 'order.placed', error: 'boom', attempts: 5 }),
    ]);
    expect((await http(app, 'GET', '/api/ops/event-failures', store.staffToken)).status).toBe(403);
    const other = await buildStore(app, { rice: { price: 1000 } });
    expect((await http(app, 'GET', '/api/ops/event-failures', other.adminToken)).body).toEqual({ failures: [] });

    const metrics = await http(app, 'GET', '/metrics', undefined, undefined, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(String(metrics.body)).toMatch(/hiorder_event_failures 1\b/);
  });
});
