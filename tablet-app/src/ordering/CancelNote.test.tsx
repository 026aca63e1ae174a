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

  it('lists each partial refund with its dishes, amount and reason, and a later cancel refunds only the rest', () => {
    const order = buildOrder(menu, { total: 30000 });
    const line = { ...(order.lines[0] as (typeof order.lines)[number]), qty: 2, lineTotal: 30000, refundedQty: 1 };
    const refund = {
      id: '0190b7a0-0000-7000-8000-0000000000bb',
      amount: 15000,
      reason: '조리 전 취소',
      restocked: true,
      lines: [{ lineId: line.id, qty: 1, amount: 15000 }],
      staffId: null,
      method: 'easy_pay' as const,
      refundedAt: new Date(0).toISOString(),
    };
    show({ ...order, lines: [line], refunded: 15000, refunds: [refund] });
    expect(screen.getByTestId('refund-note').textContent).toBe(`부분 환불 15,000원 (${menu.name.ko} ×1) · 사유: 조리 전 취소`);
    expect(screen.queryByTestId('cancel-note')).toBeNull();
    cleanup();
    show({
      ...order,
      lines: [line],
      refunded: 15000,
      refunds: [refund],
      status: 'cancelled',
      payment: 'cancelled',
      cancelReason: '손님 요청',
    });
    expect(screen.getByTestId('cancel-note').textContent).toBe('15,000원 환불 · 사유: 손님 요청');
  });

  it('says nothing for an order that is not cancelled', () => {
    show(buildOrder(menu));
    expect(screen.queryByTestId('cancel-note')).toBeNull();
  });
});
