import fc from 'fast-check';
import { evaluateOrder, EMPTY_VISIT, type MenuForRules } from '@hiorder/domain/ordering/order-rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog/menu.entity';
import { buildStore, createTestApp, http, idemKey, pairTablet, type TestApp } from '../testing/test-app';

/**
 * For any catalog and cart, the verdict the tablet computes offline with the domain rules and the server's
 * decision agree: accepted by both with the same total, or refused by both for the same reasons.
 */
describe('domain rules and server placement agree (property)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ ADMISSION_MAX_INFLIGHT: '10000' });
  });
  afterAll(() => app.close());

  const menuSpec = fc.record({
    price: fc.integer({ min: 0, max: 50_000 }),
    course: fc.constantFrom('main' as const, 'side' as const, 'other' as const),
    stock: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    limitPerVisit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    soldOut: fc.boolean(),
    hidden: fc.boolean(),
  });

  it('agrees on acceptance, total and violation codes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(menuSpec, { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ pick: fc.nat(5), qty: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 5 }),
        async (specs, picks) => {
          const store = await buildStore(app, Object.fromEntries(specs.map((s, i) => [`m${i}`, s])), 1);
          const tablet = await pairTablet(app, store, store.tableIds[0] as string);
          const menus = Object.values(store.menus) as Menu[];
          const unknownId = '01900000-0000-7000-8000-00000000f00d';
          const lines = picks.map((p) => ({ menuId: p.pick < menus.length ? (menus[p.pick] as Menu).id : unknownId, qty: p.qty }));
          const view = new Map<string, MenuForRules>(menus.map((m) => [m.id, m]));
          const verdict = evaluateOrder(lines, view, EMPTY_VISIT);
          const res = await http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines });
          if (verdict.ok) {
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            expect(res.body.total).toBe(verdict.total);
          } else {
            expect(res.status).toBeGreaterThanOrEqual(400);
            const codes = (res.body.error.details.violations as { code: string }[]).map((v) => v.code).sort();
            expect(codes).toEqual(verdict.violations.map((v) => v.code).sort());
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
