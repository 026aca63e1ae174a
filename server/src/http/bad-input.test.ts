import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import {
  buildStore,
  createTestApp,
  emitAck,
  http,
  openSocket,
  pairKitchen,
  pairTablet,
  type StoreFixture,
  type TestApp,
} from '../testing/test-app';

/**
 * Bad input loses nothing: every route and socket event, given malformed, oversized, mistyped or
 * unknown-field payloads, answers a 4xx with a stable code — never a 5xx or a crash — and writes nothing.
 */
describe('bad input on every route and socket event', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { cola: { price: 2000, course: 'other', stock: 5 } });
    tokens = {
      admin: store.adminToken,
      staff: store.staffToken,
      table: await pairTablet(app, store, store.tableIds[0] as string),
      kitchen: await pairKitchen(app, store),
    };
  });
  afterAll(() => app.close());

  const writes = async () => {
    const rows = await app
      .em()
      .getConnection()
      .execute<{ n: number }[]>(
        `select (select count(*) from orders) + (select count(*) from outbox_event) + (select count(*) from menu) + (select count(*) from category)
        + (select count(*) from staff) + (select count(*) from dining_table) + (select count(*) from payment) as n`,
      );
    return Number(rows[0]?.n);
  };

  const hostile = fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.constant({ __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }),
    fc.constant(JSON.parse('{"__proto__": {"isAdmin": true}}')),
    fc.record({
      idempotencyKey: fc.string(),
      lines: fc.array(fc.record({ menuId: fc.string(), qty: fc.oneof(fc.integer(), fc.double(), fc.constant(-1), fc.constant(1e12)) })),
    }),
    fc.record({ extra: fc.string(), name: fc.string({ maxLength: 5000 }) }),
    fc.constant({ lines: Array.from({ length: 1000 }, () => ({ menuId: 'x', qty: 1 })) }),
    fc.constant(nested(200)),
  );

  it('answers every route with a 4xx and a code, and writes nothing', async () => {
    const before = await writes();
    const routes = app.server.app.api.list().filter((r) => r.body || r.query || r.params);
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const roles = route.roles === 'public' ? ['admin'] : route.roles;
      const token = tokens[roles[0] as string];
      const path = route.path.replace(/:(\w+)/g, '01900000-0000-7000-8000-00000000beef');
      await fc.assert(
        fc.asyncProperty(hostile, async (payload) => {
          if (route.path === '/api/auth/login') return; // rate-limited on purpose; has its own test
          const res =
            route.method === 'get'
              ? await http(
                  app,
                  'GET',
                  `${path}?since=-1&status=bogus&limit=99999&x=${encodeURIComponent(JSON.stringify(payload)).slice(0, 500)}`,
                  token,
                )
              : await http(app, route.method.toUpperCase(), path, token, payload ?? null);
          expect(
            res.status,
            `${route.method} ${route.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          ).toBeGreaterThanOrEqual(400);
          expect(res.status, `${route.method} ${route.path}`).toBeLessThan(500);
          expect(typeof res.body?.error?.code).toBe('string');
        }),
        { numRuns: 12 },
      );
    }
    expect(await writes()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses invalid JSON, a body over 64 kB and a non-JSON content type', async () => {
    const token = tokens.table;
    const broken = await fetch(`${app.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"lines": [',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    const huge = await http(app, 'POST', '/api/orders', token, { idempotencyKey: 'k-123456789', lines: [], note: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await fetch(`${app.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
      body: 'hello',
    });
    expect(text.status).toBe(415);
  });

  it('refuses a quantity that is negative, zero, fractional or enormous, and unknown fields', async () => {
    const menuId = (store.menus.cola as Menu).id;
    for (const qty of [-1, 0, 1.5, 1e9, '2']) {
      const res = await http(app, 'POST', '/api/orders', tokens.table, { idempotencyKey: 'k-abcdefgh', lines: [{ menuId, qty }] });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const extra = await http(app, 'POST', '/api/orders', tokens.table, {
      idempotencyKey: 'k-abcdefgh',
      lines: [{ menuId, qty: 1 }],
      tableId: store.tableIds[1],
    });
    expect(extra.status).toBe(400);
  });

  it('acks every socket event with ok:false and a code for hostile payloads, and writes nothing', async () => {
    const before = await writes();
    const tablet = await openSocket(app, '/tablet', { token: tokens.table });
    const staff = await openSocket(app, '/staff', { token: tokens.staff });
    const tabletEvents = ['order:place', 'order:pay', 'orders:list', 'catalog:sync', 'staff:call'];
    await fc.assert(
      fc.asyncProperty(
        hostile.filter((p) => p !== null && typeof p === 'object' && Object.keys(p as object).length > 0),
        fc.constantFrom(...tabletEvents),
        async (payload, event) => {
          const ack = await emitAck(tablet, event, payload);
          expect(ack.ok).toBe(false);
          if (!ack.ok) expect(typeof ack.error.code).toBe('string');
        },
      ),
      { numRuns: 60 },
    );
    for (const payload of [null, 'x', 42, { lastSeq: -1 }, { lastSeq: 'a' }, { lastSeq: 1, extra: true }]) {
      const ack = await emitAck(staff, 'events:since', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    // An oversized socket payload closes that socket (maxHttpBufferSize) and nothing else.
    const other = await openSocket(app, '/tablet', { token: tokens.table });
    const closed = new Promise<string>((resolve) => other.once('disconnect', (reason) => resolve(reason)));
    other.emit('order:place', { idempotencyKey: 'k-123456789', lines: [], note: 'x'.repeat(100_000) }, () => undefined);
    expect(await closed).toBeTruthy();
    expect(tablet.connected).toBe(true);
    tablet.close();
    staff.close();
    expect(await writes()).toBe(before);
  });
});

function nested(depth: number): unknown {
  let value: unknown = { end: true };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}
