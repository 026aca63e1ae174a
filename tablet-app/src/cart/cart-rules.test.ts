import { describe, expect, it } from 'vitest';
import { buildMenu, buildOrder, buildCartLine } from '../test/fixtures';
import { checkCart } from './cart-rules';

const bulgogi = buildMenu({ name: { ko: '불고기', en: 'Bulgogi' }, course: 'main' });
const rice = buildMenu({ name: { ko: '공깃밥', en: 'Rice' }, course: 'side', price: 1000 });
const dumplings = buildMenu({ name: { ko: '이벤트 만두', en: 'Event dumplings' }, course: 'other', price: 0, limitPerVisit: 1 });
const galbi = buildMenu({ name: { ko: '갈비', en: 'Galbi' }, stock: 2 });
const cola = buildMenu({ name: { ko: '콜라', en: 'Cola' }, course: 'other', soldOut: true });
const menus = [bulgogi, rice, dumplings, galbi, cola];
const line = (menuId: string, qty = 1) => buildCartLine(menuId, qty);

describe('checkCart', () => {
  it('accepts a main with a side and prices it from the catalog', () => {
    const check = checkCart([line(bulgogi.id), line(rice.id, 2)], menus, [], [], 'ko');
    expect(check.problems).toEqual([]);
    expect(check.verdict.ok && check.verdict.total).toBe(17000);
  });

  it('explains a side without a main, in Korean and in English', () => {
    expect(checkCart([line(rice.id)], menus, [], [], 'ko').problems).toEqual([
      { menuId: rice.id, line: null, code: 'SIDE_WITHOUT_MAIN', message: '공깃밥: 사이드 메뉴는 메인 메뉴와 함께 주문해 주세요.' },
    ]);
    expect(checkCart([line(rice.id)], menus, [], [], 'en').problems[0]?.message).toBe('Rice is a side: order it with a main dish.');
  });

  it('lets a side through when a main was paid earlier in the visit', () => {
    const check = checkCart([line(rice.id)], menus, [buildOrder(bulgogi, { status: 'paid' })], [], 'ko');
    expect(check.verdict.ok).toBe(true);
  });

  it('does not count an unpaid main of the visit for a side', () => {
    const check = checkCart([line(rice.id)], menus, [buildOrder(bulgogi, { status: 'pending_payment' })], [], 'ko');
    expect(check.problems.map((p) => p.code)).toEqual(['SIDE_WITHOUT_MAIN']);
  });

  it('explains a once-per-visit menu already ordered in this visit', () => {
    const check = checkCart([line(dumplings.id)], menus, [buildOrder(dumplings, { status: 'paid' })], [], 'ko');
    expect(check.problems).toEqual([
      { menuId: dumplings.id, line: null, code: 'LIMIT_PER_VISIT', message: '이벤트 만두: 방문당 1개까지 주문할 수 있습니다.' },
    ]);
  });

  it('counts placements still waiting in the outbox against the per-visit limit', () => {
    const pending = [{ input: { lines: [{ menuId: dumplings.id, qty: 1, options: [], note: '' }] } }];
    const check = checkCart([line(dumplings.id)], menus, [], pending, 'en');
    expect(check.problems[0]?.message).toBe('Event dumplings is limited to 1 per visit.');
  });

  it('ignores failed and expired orders of the visit for the limit', () => {
    const check = checkCart([line(dumplings.id)], menus, [buildOrder(dumplings, { status: 'payment_failed' })], [], 'ko');
    expect(check.verdict.ok).toBe(true);
  });

  it('names the line that asks for more than the stock and the sold-out one, sold-out first as the server ranks them', () => {
    const check = checkCart([line(galbi.id, 3), line(cola.id)], menus, [], [], 'ko');
    expect(check.problems.map((p) => p.message)).toEqual(['콜라: 품절되었습니다.', '갈비: 남은 수량이 2개입니다.']);
  });
});
