import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMenu, buildOrder } from '../test/fixtures';
import { LocaleContext, translate } from '../ui/i18n';
import { CancelNote } from './CancelNote';

const menu = buildMenu({ price: 15000 });
const show = (order: ReturnType<typeof buildOrder>) =>
  render(
    <LocaleContext.Provider value={{ locale: 'ko', setLocale: () => undefined, t: (k, v) => translate('ko', k, v) }}>
      <CancelNote order={order} />
    </LocaleContext.Provider>,
  );

describe('CancelNote', () => {
  afterEach(cleanup);

  it('tells the guest how much was refunded and why', () => {
    show(buildOrder(menu, { status: 'cancelled', payment: 'cancelled', cancelReason: '재료 소진' }));
    expect(screen.getByTestId('cancel-note').textContent).toBe('15,000원 환불 · 사유: 재료 소진');
  });

  it('says nothing was charged for an order cancelled before payment', () => {
    show(buildOrder(menu, { status: 'cancelled', payment: 'none', paidAt: null, cancelReason: '손님이 떠남' }));
    expect(screen.getByTestId('cancel-note').textContent).toContain('청구된 금액 없음');
  });

  it('says nothing for an order that is not cancelled', () => {
    show(buildOrder(menu));
    expect(screen.queryByTestId('cancel-note')).toBeNull();
  });
});
