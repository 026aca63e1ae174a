import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import { newId } from '@hiorder/domain/shared/ids';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/db';
import { chosenOptions } from '../catalog/OptionPicker';
import { buildMenu, resetDb } from '../test/fixtures';
import { addToCart, removeSoldOut } from './actions';
import { checkCart } from './cart-rules';

const spice: OptionGroupDto = {
  id: newId(),
  name: { ko: '맵기', en: 'Spiciness' },
  minChoices: 1,
  maxChoices: 1,
  options: [
    { id: newId(), name: { ko: '순한맛', en: 'Mild' }, priceDelta: 0, soldOut: false },
    { id: newId(), name: { ko: '매운맛', en: 'Hot' }, priceDelta: 500, soldOut: false },
  ],
};
const tteok = buildMenu({ name: { ko: '떡볶이', en: 'Tteokbokki' }, price: 14000, optionGroupIds: [spice.id] });
const pick = (...i: number[]) => chosenOptions([spice], new Set(i.map((n) => (spice.options[n] as { id: string }).id)));

describe('a cart with options', () => {
  beforeEach(resetDb);

  it('keeps the same dish with different options or notes as different lines, and adds up the same choice', async () => {
    await addToCart(tteok.id, 1, 1, { chosen: pick(0), note: '' });
    await addToCart(tteok.id, 2, 2, { chosen: pick(1), note: '' });
    await addToCart(tteok.id, 1, 3, { chosen: pick(1), note: '' });
    await addToCart(tteok.id, 1, 4, { chosen: pick(1), note: '덜 맵게' });
    const lines = await db.cart.orderBy('addedAt').toArray();
    expect(lines.map((l) => [l.qty, l.chosen.map((o) => o.name.en), l.note])).toEqual([
      [1, ['Mild'], ''],
      [3, ['Hot'], ''],
      [1, ['Hot'], '덜 맵게'],
    ]);
    const check = checkCart(lines, [tteok], [], [], 'en', [spice]);
    expect(check.verdict.ok && check.verdict.total).toBe(14000 + 14500 * 3 + 14500);
  });

  it('explains offline, naming the group, a missing required choice and an option sold out since', async () => {
    await addToCart(tteok.id, 1, 1);
    await addToCart(tteok.id, 1, 2, { chosen: pick(1), note: '' });
    const soldOut = { ...spice, options: spice.options.map((o, i) => (i === 1 ? { ...o, soldOut: true } : o)) };
    const check = checkCart(await db.cart.orderBy('addedAt').toArray(), [tteok], [], [], 'ko', [soldOut]);
    expect(check.problems.map((p) => [p.code, p.line, p.message])).toEqual([
      ['OPTION_UNAVAILABLE', 1, '떡볶이: ‘맵기’의 선택한 옵션이 품절되었습니다.'],
      ['OPTION_REQUIRED', 0, '떡볶이: ‘맵기’에서 1개를 골라 주세요.'],
    ]);
    await removeSoldOut(check.verdict.ok ? [] : check.verdict.violations);
    expect((await db.cart.toArray()).map((l) => l.options)).toEqual([[]]);
  });
});
