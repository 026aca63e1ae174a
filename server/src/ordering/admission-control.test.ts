import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import { Order } from '@hiorder/core/ordering';
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

describe('admission control at order entry', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp({ ADMISSION_MAX_INFLIGHT: '4', ADMISSION_RETRY_AFTER_MS: '500', TEST_HOOKS: 'true' });
    store = await buildStore(app, { cola: { price: 2000, course: 'other', stock: 10_000 } }, 10);
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  it('answers BUSY with 503, Retry-After and retryAfterMs, and the same key goes through once admitted', async () => {
    await http(app, 'POST', '/api/test-hooks/busy', undefined, { count: 1 });
    const key = idemKey();
    const body = { idempotencyKey: key, lines: [{ menuId: (store.menus.cola as Menu).id, qty: 1 }] };
    const busy = await http(app, 'POST', '/api/orders', tablet, body);
    expect(busy.status).toBe(503);
    expect(busy.body.error.code).toBe('BUSY');
    expect(busy.body.error.details.retryAfterMs).toBeGreaterThan(0);
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await app.em().count(Order, { idempotencyKey: key })).toBe(0);
    const retried = await http(app, 'POST', '/api/orders', tablet, body);
    expect(retried.status).toBe(201);
    expect(await app.em().count(Order, { idempotencyKey: key })).toBe(1);
  });

  it('turns away what exceeds the in-flight limit, and every order lands exactly once after retries', async () => {
    const tablets = await Promise.all(store.tableIds.map((t) => pairTablet(app, store, t)));
    const sockets = await Promise.all(tablets.map((token) => openSocket(app, '/tablet', { token })));
    let busyReplies = 0;
    const keys: string[] = [];
    const placeWithRetry = async (socket: (typeof sockets)[number]) => {
      const key = idemKey();
      keys.push(key);
      for (;;) {
        const ack = await emitAck<{ id: string }>(socket, 'order:place', {
          idempotencyKey: key,
          lines: [{ menuId: (store.menus.cola as Menu).id, qty: 1 }],
        });
        if (ack.ok) return ack.data.id;
        expect(ack.error.code).toBe('BUSY');
        busyReplies += 1;
        await new Promise((r) => setTimeout(r, (ack.error.details as { retryAfterMs: number }).retryAfterMs / 10));
      }
    };
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, i) => placeWithRetry(sockets[i % sockets.length] as (typeof sockets)[number])),
    );
    sockets.forEach((s) => s.close());
    expect(busyReplies).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(60);
    const rows = await app.em().find(Order, { idempotencyKey: { $in: keys } });
    expect(rows).toHaveLength(60);
  });
});
