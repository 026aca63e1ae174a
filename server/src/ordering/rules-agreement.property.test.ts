import fc from 'fast-check';
import { evaluateOrder, EMPTY_VISIT, type MenuForRules } from '@hiorder/domain/ordering/order-rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import type { Menu } from '@hiorder/core/catalog';
import { buildOptionGroup } from '../testing/option-fixtures';
import { buildStore, createTestApp, http, idemKey, pairTablet, type TestApp } from '../testing/test-app';

/**
 * For any catalog and cart, the verdict the tablet computes offline with the domain rules and the server's
 * decision agree: accepted by both with the same total, or refused by both for the same reasons. Carts with
 * options too: groups shared by several menus, required or not, sold-out options, options of another menu.
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
          const view = new Map<string, MenuForRules>(menus.map((m) => [m.id, { ...m, optionGroups: [] }]));
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

  const groupSpec = fc.record({
    minChoices: fc.integer({ min: 0, max: 1 }),
    extraMax: fc.integer({ min: 0, max: 1 }),
    options: fc.array(fc.record({ priceDelta: fc.integer({ min: 0, max: 3000 }), soldOut: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    /** Which menus offer the group (bit i: menu i), so groups are shared or unused. */
    menuMask: fc.nat(15),
  });

  it('agrees on carts with options: acceptance, total with option prices and violation codes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          menuSpec.map((m) => ({ ...m, hidden: false, soldOut: false, stock: null, limitPerVisit: null, course: 'other' as const })),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(groupSpec, { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.record({ pick: fc.nat(2), qty: fc.integer({ min: 1, max: 3 }), options: fc.uniqueArray(fc.nat(9), { maxLength: 3 }) }),
          { minLength: 1, maxLength: 4 },
        ),
        async (specs, groupSpecs, picks) => {
          const store = await buildStore(app, Object.fromEntries(specs.map((s, i) => [`m${i}`, s])), 1);
          const tablet = await pairTablet(app, store, store.tableIds[0] as string);
          const menus = Object.values(store.menus) as Menu[];
          const groupsByMenu = new Map<string, OptionGroupDto[]>(menus.map((m) => [m.id, []]));
          const allOptionIds: string[] = [];
          for (const [g, spec] of groupSpecs.entries()) {
            const offeredBy = menus.filter((_, i) => (spec.menuMask >> i) & 1);
            const group = await buildOptionGroup(app, store, {
              name: `g${g}`,
              minChoices: spec.minChoices,
              maxChoices: spec.minChoices + spec.extraMax || 1,
              options: spec.options.map((o, i) => ({ name: `o${i}`, ...o })),
              menuIds: offeredBy.map((m) => m.id),
            });
            for (const m of offeredBy) groupsByMenu.get(m.id)?.push(group);
            allOptionIds.push(...group.options.map((o) => o.id));
          }
          const lines = picks.map((p) => ({
            menuId: (menus[p.pick % menus.length] as Menu).id,
            qty: p.qty,
            // Any option of the store (often another menu's), or an id that exists nowhere.
            options: [...new Set(p.options.map((i) => allOptionIds[i] ?? unknownOption))],
          }));
          const view = new Map<string, MenuForRules>(menus.map((m) => [m.id, { ...m, optionGroups: groupsByMenu.get(m.id) ?? [] }]));
          const verdict = evaluateOrder(lines, view, EMPTY_VISIT);
          const res = await http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines });
          if (verdict.ok) {
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            expect(res.body.total).toBe(verdict.total);
            expect(res.body.lines.map((l: { options: { optionId: string }[] }) => l.options.map((o) => o.optionId))).toEqual(
              verdict.lines.map((l) => l.options.map((o) => o.optionId)),
            );
          } else {
            expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
            const found = (res.body.error.details.violations as { code: string }[]).map((v) => v.code).sort();
            expect(found).toEqual(verdict.violations.map((v) => v.code).sort());
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

const unknownOption = '01900000-0000-7000-8000-00000000beef';
