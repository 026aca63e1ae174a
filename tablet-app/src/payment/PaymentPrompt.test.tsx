import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxRow } from '../db/db';
import { buildMenu, buildOrder } from '../test/fixtures';
import { LocaleContext, translate } from '../ui/i18n';
import { PaymentPrompt } from './PaymentPrompt';

const menu = buildMenu();
const rowFor = (order: OrderDto): OutboxRow => ({
  id: `row-${order.id}`,
  input: { idempotencyKey: `key-${order.id.slice(-8)}`, lines: [{ menuId: menu.id, qty: 1, options: [], note: '' }] },
  state: 'placed',
  attempts: 1,
  createdAt: 0,
  nextAttemptAt: 0,
  lastError: null,
  orderId: order.id,
});

function show(orders: OrderDto[], openCheckoutId: string | null = null, opened: string[] = []) {
  render(
    <LocaleContext.Provider value={{ locale: 'ko', setLocale: () => undefined, t: (k, v) => translate('ko', k, v) }}>
      <PaymentPrompt orders={orders} outbox={orders.map(rowFor)} openCheckoutId={openCheckoutId} onOpenCheckout={(id) => opened.push(id)} />
    </LocaleContext.Provider>,
  );
}
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('PaymentPrompt', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('prompts to pay an unpaid order, with the time left, and opens its checkout', () => {
    const order = buildOrder(menu, { status: 'pending_payment', payment: 'none', expiresAt: inMs(8 * 60_000) });
    const opened: string[] = [];
    show([order], null, opened);
    const prompt = screen.getByTestId('pay-prompt');
    expect(prompt.dataset.soon).toBe('false');
    expect(prompt.textContent).toContain('결제를 기다리고 있어요');
    fireEvent.click(screen.getByRole('button', { name: '결제하기' }));
    expect(opened).toEqual([`row-${order.id}`]);
  });

  it('keeps prompting after a declined attempt: the order is still payable', () => {
    show([buildOrder(menu, { status: 'pending_payment', payment: 'declined', expiresAt: inMs(8 * 60_000) })]);
    expect(screen.getByTestId('pay-prompt')).toBeTruthy();
  });

  it('warns when the order is about to expire', () => {
    show([buildOrder(menu, { status: 'pending_payment', payment: 'none', expiresAt: inMs(60_000) })]);
    const prompt = screen.getByTestId('pay-prompt');
    expect(prompt.dataset.soon).toBe('true');
    expect(prompt.textContent).toContain('뒤 취소돼요');
  });

  it('stays quiet for an order whose checkout is open, one being paid, and paid ones', () => {
    const open = buildOrder(menu, { status: 'pending_payment', payment: 'none', expiresAt: inMs(8 * 60_000) });
    const inFlight = buildOrder(menu, { status: 'pending_payment', payment: 'unknown', expiresAt: inMs(8 * 60_000) });
    show([open, inFlight, buildOrder(menu)], `row-${open.id}`);
    expect(screen.queryByTestId('pay-prompt')).toBeNull();
  });

  it('says an order expired unpaid until the guest acknowledges it', () => {
    const order = buildOrder(menu, { status: 'expired', payment: 'none' });
    show([order]);
    expect(screen.getByTestId('expired-notice').textContent).toContain('결제되지 않아 취소되었어요');
    fireEvent.click(screen.getByRole('button', { name: '확인' }));
    expect(screen.queryByTestId('expired-notice')).toBeNull();
  });
});
