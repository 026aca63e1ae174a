import type { CartLine } from '../db/db';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMenu, buildCartLine } from '../test/fixtures';
import { LocaleContext, translate } from '../ui/i18n';
import { checkCart } from './cart-rules';
import { CartPanel } from './CartPanel';

const rice = buildMenu({ name: { ko: '공깃밥', en: 'Rice' }, course: 'side', price: 1000 });
const bulgogi = buildMenu({ name: { ko: '불고기', en: 'Bulgogi' }, course: 'main', price: 15000 });

function renderCart(locale: 'ko' | 'en', lines: CartLine[]) {
  const menus = new Map([rice, bulgogi].map((m) => [m.id, m]));
  const check = checkCart(lines, [rice, bulgogi], [], [], locale);
  render(
    <LocaleContext.Provider value={{ locale, setLocale: () => undefined, t: (k, v) => translate(locale, k, v) }}>
      <CartPanel lines={lines} menus={menus} check={check} onOrder={() => undefined} />
    </LocaleContext.Provider>,
  );
}

describe('CartPanel', () => {
  afterEach(cleanup);

  it('explains a side without a main and keeps the order button disabled', () => {
    renderCart('ko', [buildCartLine(rice.id, 1, 0)]);
    expect(screen.getByRole('alert').textContent).toContain('공깃밥: 사이드 메뉴는 메인 메뉴와 함께 주문해 주세요.');
    expect((screen.getByRole('button', { name: /주문하기/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('enables ordering once a main is in the cart, with the total in the button', () => {
    renderCart('en', [buildCartLine(bulgogi.id, 1, 0), buildCartLine(rice.id, 2, 1)]);
    expect(screen.queryByRole('alert')).toBeNull();
    const button = screen.getByRole('button', { name: 'Order ₩17,000' }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
  });
});
