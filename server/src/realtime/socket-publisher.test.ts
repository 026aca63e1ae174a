import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { newId } from '@hiorder/domain/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import { sqlOf } from '@hiorder/core/db';
import { buildStore, createTestApp, http, idemKey, openSocket, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { waitUntil } from '../testing/wait';

/**
 * The live lane reads each event's payload (`payload.order` of an order event) to pick rooms: a malformed outbox
 * row must be skipped, never throw — a throw fails the live pass, which then retries the same batch for ever and no
 * board hears anything again.
 */
describe('socket publisher and a malformed outbox row', () => {
  let app: TestApp;
  let store: StoreFixture;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { cola: { price: 2000, course: 'other' } });
  });
  afterAll(() => app.close());

  it('skips the row and keeps pushing the events after it to the boards', async () => {
    const tablet = await pairTablet(app, store, store.tableIds[0] as string);
    const staff = await openSocket(app, '/staff', { token: store.staffToken });
    const heard: DomainEvent[] = [];
    staff.on('store:event', (event: DomainEvent) => heard.push(event));
    try {
      // An order event without its order (a bad migration, a hand edit): committed in the same pass as a real order.
      const bad = newId();
      await sqlOf(app.em()).run(
        'insert into outbox_event (id, store_id, type, aggregate_id, seq, occurred_at, payload, published_at, forwarded_at) values (?, ?, ?, ?, null, ?, ?, null, null)',
        [bad, store.storeId, 'order.placed', newId(), new Date(), JSON.stringify({ note: 'no order here' })],
      );
      const placed = await http(app, 'POST', '/api/orders', tablet, {
        idempotencyKey: idemKey(),
        lines: [{ menuId: (store.menus.cola as Menu).id, qty: 1 }],
      });
      expect(placed.status).toBe(201);
      await waitUntil(
        'the board to hear the order placed after the malformed row',
        () => heard.some((e) => e.type === 'order.placed' && e.aggregateId === placed.body.id),
        30_000,
      );
      expect(heard.some((e) => e.id === bad)).toBe(false);
    } finally {
      staff.close();
    }
  });
});
