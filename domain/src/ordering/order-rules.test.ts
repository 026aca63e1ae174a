import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addableQty,
  describeViolation,
  EMPTY_VISIT,
  evaluateOrder,
  RuleErrorDetailsSchema,
  violationGroupId,
  VIOLATION_PRECEDENCE,
  visitForRules,
  type MenuForRules,
  type OptionGroupForRules,
  type RuleViolation,
} from './order-rules';

const menu = (id: string, over: Partial<MenuForRules> = {}): MenuForRules => ({
  id,
  price: 10000,
  course: 'main',
  stock: null,
  limitPerVisit: null,
  soldOut: false,
  hidden: false,
  ...over,
});

const catalog = (...menus: MenuForRules[]) => new Map(menus.map((m) => [m.id, m]));

describe('evaluateOrder', () => {
  it('prices from the catalog and totals the lines', () => {
    const verdict = evaluateOrder(
      [
        { menuId: 'a', qty: 2 },
        { menuId: 'b', qty: 1 },
      ],
      catalog(menu('a', { price: 15000 }), menu('b', { price: 2000, course: 'other' })),
      EMPTY_VISIT,
    );
    expect(verdict).toMatchObject({ ok: true, total: 32000 });
  });

  it('rejects a side without a main in the order or a paid main in the visit', () => {
    const menus = catalog(menu('rice', { course: 'side' }), menu('bulgogi'));
    expect(evaluateOrder([{ menuId: 'rice', qty: 1 }], menus, EMPTY_VISIT)).toEqual({
      ok: false,
      violations: [{ code: 'SIDE_WITHOUT_MAIN', menuId: 'rice' }],
    });
    expect(
      evaluateOrder(
        [
          { menuId: 'rice', qty: 1 },
          { menuId: 'bulgogi', qty: 1 },
        ],
        menus,
        EMPTY_VISIT,
      ).ok,
    ).toBe(true);
    expect(evaluateOrder([{ menuId: 'rice', qty: 1 }], menus, { hasPaidMain: true, heldQtyByMenu: {} }).ok).toBe(true);
  });

  it('does not let a pending (unpaid) main of the visit unlock a side', () => {
    const visit = visitForRules([{ status: 'pending_payment', lines: [{ menuId: 'bulgogi', qty: 1, course: 'main' }] }]);
    expect(visit.hasPaidMain).toBe(false);
    expect(evaluateOrder([{ menuId: 'rice', qty: 1 }], catalog(menu('rice', { course: 'side' })), visit).ok).toBe(false);
  });

  it('adds up split lines of one menu before checking stock and the per-visit limit', () => {
    const menus = catalog(menu('a', { stock: 3, limitPerVisit: 3 }));
    const verdict = evaluateOrder(
      [
        { menuId: 'a', qty: 2 },
        { menuId: 'a', qty: 2 },
      ],
      menus,
      EMPTY_VISIT,
    );
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.violations.map((v) => v.code).sort()).toEqual(['LIMIT_PER_VISIT', 'OUT_OF_STOCK']);
  });

  it('counts paid and pending orders of the visit against limitPerVisit, not failed ones', () => {
    const menus = catalog(menu('event', { limitPerVisit: 1, course: 'other' }));
    const held = visitForRules([{ status: 'pending_payment', lines: [{ menuId: 'event', qty: 1, course: 'other' }] }]);
    expect(evaluateOrder([{ menuId: 'event', qty: 1 }], menus, held)).toMatchObject({
      ok: false,
      violations: [{ code: 'LIMIT_PER_VISIT', limit: 1, alreadyInVisit: 1 }],
    });
    const failed = visitForRules([{ status: 'payment_failed', lines: [{ menuId: 'event', qty: 1, course: 'other' }] }]);
    expect(evaluateOrder([{ menuId: 'event', qty: 1 }], menus, failed).ok).toBe(true);
  });

  it('rejects unknown, hidden and sold-out menus, and stock 0 as sold out', () => {
    const menus = catalog(menu('hidden', { hidden: true }), menu('sold', { soldOut: true }), menu('empty', { stock: 0 }));
    const verdict = evaluateOrder(
      ['nope', 'hidden', 'sold', 'empty'].map((menuId) => ({ menuId, qty: 1 })),
      menus,
      EMPTY_VISIT,
    );
    expect(verdict).toEqual({
      ok: false,
      violations: [
        { code: 'MENU_UNAVAILABLE', menuId: 'nope', reason: 'unknown' },
        { code: 'MENU_UNAVAILABLE', menuId: 'hidden', reason: 'hidden' },
        { code: 'MENU_UNAVAILABLE', menuId: 'sold', reason: 'sold_out' },
        { code: 'MENU_UNAVAILABLE', menuId: 'empty', reason: 'sold_out' },
      ],
    });
  });
});

describe('evaluateOrder (properties)', () => {
  const menuArb = fc.record({
    id: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5'),
    price: fc.integer({ min: 0, max: 100000 }),
    course: fc.constantFrom('main' as const, 'side' as const, 'other' as const),
    stock: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    limitPerVisit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    soldOut: fc.boolean(),
    hidden: fc.boolean(),
  });
  const linesArb = fc.array(
    fc.record({ menuId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'), qty: fc.integer({ min: 1, max: 6 }) }),
    { minLength: 1, maxLength: 6 },
  );

  it('accepts a cart only if every menu exists, is available, in stock and within its limit, with the exact total', () => {
    fc.assert(
      fc.property(fc.uniqueArray(menuArb, { selector: (m) => m.id }), linesArb, fc.boolean(), (menus, lines, paidMain) => {
        const byId = catalog(...menus);
        const verdict = evaluateOrder(lines, byId, { hasPaidMain: paidMain, heldQtyByMenu: {} });
        const qty = new Map<string, number>();
        for (const l of lines) qty.set(l.menuId, (qty.get(l.menuId) ?? 0) + l.qty);
        const mainInCart = [...qty.keys()].some((id) => {
          const m = byId.get(id);
          return m && m.course === 'main' && !m.hidden && !m.soldOut && m.stock !== 0;
        });
        const expectedOk = [...qty].every(([id, q]) => {
          const m = byId.get(id);
          if (!m || m.hidden || m.soldOut || m.stock === 0) return false;
          if (m.stock !== null && m.stock < q) return false;
          if (m.limitPerVisit !== null && q > m.limitPerVisit) return false;
          if (m.course === 'side' && !mainInCart && !paidMain) return false;
          return true;
        });
        expect(verdict.ok).toBe(expectedOk);
        if (verdict.ok) {
          expect(verdict.total).toBe(lines.reduce((s, l) => s + (byId.get(l.menuId) as MenuForRules).price * l.qty, 0));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('says exactly how many more of a menu a cart may take (addableQty agrees with evaluateOrder)', () => {
    fc.assert(
      fc.property(
        menuArb,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        (m, held, inCart, more) => {
          // A main, so the side rule (about other lines) stays out of the question.
          const menu = { ...m, course: 'main' as const };
          const visit = { hasPaidMain: false, heldQtyByMenu: { [menu.id]: held } };
          const addable = addableQty(menu, visit, inCart);
          const accepted = evaluateOrder([{ menuId: menu.id, qty: inCart + more }], catalog(menu), visit).ok;
          if (addable === null) expect(accepted).toBe(true);
          else expect(accepted).toBe(more <= addable);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a cart for the same code whatever the order of its lines: the first violation by VIOLATION_PRECEDENCE', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(menuArb, { selector: (m) => m.id }),
        linesArb,
        fc.boolean(),
        fc.infiniteStream(fc.nat()),
        (menus, lines, paidMain, randoms) => {
          const byId = catalog(...menus);
          const visit = { hasPaidMain: paidMain, heldQtyByMenu: {} };
          const verdict = evaluateOrder(lines, byId, visit);
          const shuffled = [...lines]
            .map((l) => ({ l, k: randoms.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.l);
          const again = evaluateOrder(shuffled, byId, visit);
          expect(again.ok).toBe(verdict.ok);
          if (verdict.ok || again.ok) return;
          expect(again.violations[0]?.code).toBe(verdict.violations[0]?.code);
          const ranks = verdict.violations.map((v) => VIOLATION_PRECEDENCE.indexOf(v.code));
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('puts an unavailable menu before a side without a main, as the side comes first in the cart', () => {
    const verdict = evaluateOrder(
      [
        { menuId: 'rice', qty: 1 },
        { menuId: 'gone', qty: 1 },
      ],
      catalog(menu('rice', { course: 'side' }), menu('gone', { soldOut: true })),
      EMPTY_VISIT,
    );
    expect(verdict.ok ? [] : verdict.violations.map((v) => v.code)).toEqual(['MENU_UNAVAILABLE', 'SIDE_WITHOUT_MAIN']);
  });
});

describe('evaluateOrder with options', () => {
  const spice: OptionGroupForRules = {
    id: 'spice',
    name: { ko: '맵기', en: 'Spiciness' },
    minChoices: 1,
    maxChoices: 1,
    options: [
      { id: 'mild', name: { ko: '순한맛', en: 'Mild' }, priceDelta: 0, soldOut: false },
      { id: 'hot', name: { ko: '매운맛', en: 'Hot' }, priceDelta: 0, soldOut: true },
    ],
  };
  const extras: OptionGroupForRules = {
    id: 'extras',
    name: { ko: '사리 추가', en: 'Extras' },
    minChoices: 0,
    maxChoices: 2,
    options: [
      { id: 'ramen', name: { ko: '라면사리', en: 'Ramen' }, priceDelta: 2000, soldOut: false },
      { id: 'cheese', name: { ko: '치즈', en: 'Cheese' }, priceDelta: 1500, soldOut: false },
      { id: 'rice', name: { ko: '볶음밥', en: 'Fried rice' }, priceDelta: 3000, soldOut: false },
    ],
  };
  const menus = catalog(menu('tteok', { price: 14000, optionGroups: [spice, extras] }), menu('plain', { price: 5000 }));

  it('prices each line from its chosen options and keeps their snapshot in group order', () => {
    const verdict = evaluateOrder(
      [
        { menuId: 'tteok', qty: 2, options: ['cheese', 'mild', 'ramen'] },
        { menuId: 'tteok', qty: 1, options: ['mild'] },
      ],
      menus,
      EMPTY_VISIT,
    );
    expect(verdict.ok && verdict.lines.map((l) => [l.unitPrice, l.options.map((o) => o.optionId)])).toEqual([
      [17500, ['mild', 'ramen', 'cheese']],
      [14000, ['mild']],
    ]);
    expect(verdict.ok && verdict.total).toBe(17500 * 2 + 14000);
  });

  it('names the group of a missing required choice, of too many choices and of a sold-out option', () => {
    const verdict = evaluateOrder(
      [
        { menuId: 'tteok', qty: 1, options: ['ramen'] },
        { menuId: 'tteok', qty: 1, options: ['mild', 'ramen', 'cheese', 'rice'] },
        { menuId: 'tteok', qty: 1, options: ['hot'] },
      ],
      menus,
      EMPTY_VISIT,
    );
    expect(verdict).toEqual({
      ok: false,
      violations: [
        { code: 'OPTION_UNAVAILABLE', menuId: 'tteok', line: 2, groupId: 'spice', optionId: 'hot', reason: 'sold_out' },
        { code: 'OPTION_TOO_MANY', menuId: 'tteok', line: 1, groupId: 'extras', max: 2, chosen: 3 },
        { code: 'OPTION_REQUIRED', menuId: 'tteok', line: 0, groupId: 'spice', min: 1, chosen: 0 },
      ],
    });
    const required = verdict.ok ? undefined : verdict.violations[2];
    expect(describeViolation(required as RuleViolation, '떡볶이', 'ko', '맵기')).toContain('맵기');
  });

  it('refuses an option the menu does not offer (another menu’s or store’s)', () => {
    expect(evaluateOrder([{ menuId: 'plain', qty: 1, options: ['ramen'] }], menus, EMPTY_VISIT)).toEqual({
      ok: false,
      violations: [{ code: 'OPTION_UNAVAILABLE', menuId: 'plain', line: 0, groupId: null, optionId: 'ramen', reason: 'unknown' }],
    });
  });

  it('puts an unavailable menu before an unavailable option, and that before too few in stock', () => {
    const withGone = new Map([...menus, ['gone', menu('gone', { soldOut: true })], ['few', menu('few', { course: 'other', stock: 1 })]]);
    const lines = [
      { menuId: 'few', qty: 2 },
      { menuId: 'tteok', qty: 1, options: ['hot'] },
      { menuId: 'gone', qty: 1 },
    ];
    for (const ordered of [lines, [...lines].reverse()]) {
      const verdict = evaluateOrder(ordered, withGone, EMPTY_VISIT);
      expect(verdict.ok ? [] : verdict.violations.map((v) => v.code)).toEqual(['MENU_UNAVAILABLE', 'OPTION_UNAVAILABLE', 'OUT_OF_STOCK']);
    }
  });

  it('does not judge the options of a line whose menu cannot be had: one reason per line the guest must remove', () => {
    const soldOutTteok = new Map([['tteok', { ...(menus.get('tteok') as MenuForRules), soldOut: true }]]);
    expect(evaluateOrder([{ menuId: 'tteok', qty: 1, options: ['hot', 'ramen', 'cheese', 'rice'] }], soldOutTteok, EMPTY_VISIT)).toEqual({
      ok: false,
      violations: [{ code: 'MENU_UNAVAILABLE', menuId: 'tteok', reason: 'sold_out' }],
    });
  });

  it('ranks all four rules in the documented order, whatever the order of the lines', () => {
    const menus = catalog(
      menu('rice', { course: 'side' }),
      menu('event', { course: 'other', limitPerVisit: 1 }),
      menu('few', { course: 'other', stock: 1 }),
      menu('gone', { soldOut: true }),
    );
    const lines = [
      { menuId: 'rice', qty: 1 },
      { menuId: 'event', qty: 2 },
      { menuId: 'few', qty: 2 },
      { menuId: 'gone', qty: 1 },
    ];
    for (const ordered of [lines, [...lines].reverse()]) {
      const verdict = evaluateOrder(ordered, menus, EMPTY_VISIT);
      expect(verdict.ok ? [] : verdict.violations.map((v) => v.code)).toEqual([
        'MENU_UNAVAILABLE',
        'OUT_OF_STOCK',
        'LIMIT_PER_VISIT',
        'SIDE_WITHOUT_MAIN',
      ]);
    }
  });
});

describe('visitForRules', () => {
  const line = { menuId: 'galbi', qty: 2, course: 'main' as const };
  // By hand, from DESIGN.md: what an order of this status holds (stock, per-visit limit) and whether its main
  // was paid (unlocks sides later in the visit).
  const cases = [
    ['pending_payment', 2, false],
    ['paid', 2, true],
    ['accepted', 2, true],
    ['served', 2, true],
    ['payment_failed', 0, false],
    ['expired', 0, false],
    ['cancelled', 0, false],
  ] as const;
  for (const [status, held, paidMain] of cases) {
    it(`counts a ${status} order as holding ${held} and paidMain ${paidMain}`, () => {
      const visit = visitForRules([{ status, lines: [line] }]);
      expect(visit.heldQtyByMenu.galbi ?? 0).toBe(held);
      expect(visit.hasPaidMain).toBe(paidMain);
    });
  }

  it('does not let a paid side unlock sides', () => {
    expect(visitForRules([{ status: 'paid', lines: [{ menuId: 'rice', qty: 1, course: 'side' }] }]).hasPaidMain).toBe(false);
  });
});

describe('describeViolation', () => {
  it('says what is wrong, in Korean and English, with the numbers', () => {
    const say = (v: Parameters<typeof describeViolation>[0]) => [describeViolation(v, '갈비', 'ko'), describeViolation(v, 'Galbi', 'en')];
    expect(say({ code: 'MENU_UNAVAILABLE', menuId: 'm', reason: 'sold_out' })).toEqual(['갈비: 품절되었습니다.', 'Galbi is sold out.']);
    expect(say({ code: 'MENU_UNAVAILABLE', menuId: 'm', reason: 'hidden' })).toEqual([
      '갈비: 지금은 주문할 수 없는 메뉴입니다.',
      "Galbi can't be ordered right now.",
    ]);
    expect(say({ code: 'OUT_OF_STOCK', menuId: 'm', requested: 3, available: 2 })).toEqual([
      '갈비: 남은 수량이 2개입니다.',
      'Only 2 left of Galbi.',
    ]);
    expect(say({ code: 'SIDE_WITHOUT_MAIN', menuId: 'm' })).toEqual([
      '갈비: 사이드 메뉴는 메인 메뉴와 함께 주문해 주세요.',
      'Galbi is a side: order it with a main dish.',
    ]);
    expect(say({ code: 'LIMIT_PER_VISIT', menuId: 'm', limit: 1, alreadyInVisit: 1, requested: 1 })).toEqual([
      '갈비: 방문당 1개까지 주문할 수 있습니다.',
      'Galbi is limited to 1 per visit.',
    ]);
  });
});

describe('describeViolation (options)', () => {
  const say = (v: Parameters<typeof describeViolation>[0], group = '') => [
    describeViolation(v, '짜장면', 'ko', group),
    describeViolation(v, 'Jajangmyeon', 'en', group),
  ];
  const at = { menuId: 'm', line: 0, groupId: 'g' };

  it('names the group, or says "options" when the caller has no name for it', () => {
    expect(say({ code: 'OPTION_REQUIRED', ...at, min: 1, chosen: 0 }, '양')).toEqual([
      '짜장면: ‘양’에서 1개를 골라 주세요.',
      'Jajangmyeon: choose one in “양”.',
    ]);
    expect(say({ code: 'OPTION_REQUIRED', ...at, min: 2, chosen: 1 })).toEqual([
      '짜장면: ‘옵션’에서 2개를 골라 주세요.',
      'Jajangmyeon: choose at least 2 in “options”.',
    ]);
    expect(say({ code: 'OPTION_TOO_MANY', ...at, max: 2, chosen: 3 }, '토핑')).toEqual([
      '짜장면: ‘토핑’은(는) 2개까지 고를 수 있습니다.',
      'Jajangmyeon: choose at most 2 in “토핑”.',
    ]);
    expect(say({ code: 'OPTION_UNAVAILABLE', ...at, optionId: 'o', reason: 'sold_out' }, '토핑')).toEqual([
      '짜장면: ‘토핑’의 선택한 옵션이 품절되었습니다.',
      'Jajangmyeon: the chosen option in “토핑” is sold out.',
    ]);
    expect(say({ code: 'OPTION_UNAVAILABLE', ...at, groupId: null, optionId: 'o', reason: 'unknown' })).toEqual([
      '짜장면: 이 메뉴에 없는 옵션입니다.',
      'Jajangmyeon: that option is not offered with this menu.',
    ]);
  });

  it('finds the group of option violations only', () => {
    expect(violationGroupId({ code: 'OPTION_REQUIRED', ...at, min: 1, chosen: 0 })).toBe('g');
    expect(violationGroupId({ code: 'OPTION_TOO_MANY', ...at, max: 1, chosen: 2 })).toBe('g');
    expect(violationGroupId({ code: 'OPTION_UNAVAILABLE', ...at, optionId: 'o', reason: 'sold_out' })).toBe('g');
    expect(violationGroupId({ code: 'OUT_OF_STOCK', menuId: 'm', requested: 2, available: 1 })).toBeNull();
  });
});

describe('RuleErrorDetailsSchema (the details a client reads)', () => {
  it('reads back every kind of violation whole, and needs at least one', () => {
    const violations: RuleViolation[] = [
      { code: 'MENU_UNAVAILABLE', menuId: 'm', reason: 'unknown' },
      { code: 'MENU_UNAVAILABLE', menuId: 'm', reason: 'hidden' },
      { code: 'MENU_UNAVAILABLE', menuId: 'm', reason: 'sold_out' },
      { code: 'OUT_OF_STOCK', menuId: 'm', requested: 3, available: 2 },
      { code: 'SIDE_WITHOUT_MAIN', menuId: 'm' },
      { code: 'LIMIT_PER_VISIT', menuId: 'm', limit: 1, alreadyInVisit: 1, requested: 1 },
      { code: 'OPTION_REQUIRED', menuId: 'm', line: 1, groupId: 'g', min: 1, chosen: 0 },
      { code: 'OPTION_TOO_MANY', menuId: 'm', line: 1, groupId: 'g', max: 1, chosen: 2 },
      { code: 'OPTION_UNAVAILABLE', menuId: 'm', line: 1, groupId: null, optionId: 'o', reason: 'unknown' },
      { code: 'OPTION_UNAVAILABLE', menuId: 'm', line: 1, groupId: 'g', optionId: 'o', reason: 'sold_out' },
    ];
    expect(RuleErrorDetailsSchema.parse({ violations })).toEqual({ violations });
    expect(RuleErrorDetailsSchema.safeParse({ violations: [] }).success).toBe(false);
    expect(RuleErrorDetailsSchema.safeParse({ violations: [{ code: 'MENU_UNAVAILABLE', menuId: 'm', reason: 'gone' }] }).success).toBe(
      false,
    );
  });
});

describe('addableQty', () => {
  it('is null when nothing bounds a menu, and 0 for one that cannot be ordered', () => {
    expect(addableQty(menu('a'), EMPTY_VISIT, 5)).toBeNull();
    expect(addableQty(menu('a', { soldOut: true }), EMPTY_VISIT, 0)).toBe(0);
    expect(addableQty(menu('a', { stock: 3, limitPerVisit: 2 }), EMPTY_VISIT, 1)).toBe(1);
  });
});
