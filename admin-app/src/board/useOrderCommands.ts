import { type OrderDto, OrderDtoSchema } from '@hiorder/domain/ordering/ordering.schemas';
import { useState } from 'react';
import type { OrderRefund } from '@hiorder/domain/ordering/partial-refund';
import { ApiError } from '../shared/api';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { errorText, type ToastMessage } from '../shared/ui';
import type { OrderCommand } from './OrderCard';
import type { RefundFailure } from './RefundDialog';

/**
 * Accept, serve, cancel, refund in part, and settle an order paid at the counter. The server's answer is merged into the board at once (the push that follows is
 * then a duplicate the merge ignores), so the card moves as soon as the tap is acknowledged.
 */
export function useOrderCommands(toast: (m: ToastMessage) => void) {
  const { api, board } = useAdmin();
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<Record<string, true>>({});
  const [cancelling, setCancelling] = useState<OrderDto | null>(null);
  const [refunding, setRefunding] = useState<OrderDto | null>(null);

  async function run(order: OrderDto, path: string, body?: unknown): Promise<void> {
    setBusy((b) => ({ ...b, [order.id]: true }));
    try {
      const updated = await api.post(`/api/orders/${order.id}/${path}`, body, OrderDtoSchema);
      board.dispatch({ type: 'order', order: updated });
    } catch (err) {
      toast({ text: errorText(err), error: true });
    } finally {
      setBusy(({ [order.id]: _done, ...rest }) => rest);
    }
  }

  function command(cmd: OrderCommand, order: OrderDto): void {
    board.dispatch({ type: 'order-seen', orderId: order.id });
    if (cmd === 'cancel') setCancelling(order);
    else if (cmd === 'refund') setRefunding(order);
    else if (cmd === 'settle_cash') void run(order, 'settle', { method: 'cash' });
    else if (cmd === 'settle_card_terminal') void run(order, 'settle', { method: 'card_terminal' });
    else if (cmd === 'settle_other') void run(order, 'settle', { method: 'other' });
    else void run(order, cmd);
  }

  async function cancel(reason: string): Promise<void> {
    if (!cancelling) return;
    await run(cancelling, 'cancel', { reason });
    setCancelling(null);
  }

  /**
   * A partial refund of the order being refunded: merged into the board and the dialog closed on success; a failure
   * is answered to the dialog (shown there, in the board's language) — a lost answer stays open for a safe retry.
   */
  async function refund(body: OrderRefund): Promise<RefundFailure | null> {
    const order = refunding;
    if (!order) return null;
    setBusy((b) => ({ ...b, [order.id]: true }));
    try {
      const updated = await api.post(`/api/orders/${order.id}/refund`, body, OrderDtoSchema);
      board.dispatch({ type: 'order', order: updated });
      const made = updated.refunds.at(-1);
      if (made) toast({ text: t('refundDone', { amount: won(made.amount, locale) }) });
      setRefunding(null);
      return null;
    } catch (err) {
      return err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: String(err) };
    } finally {
      setBusy(({ [order.id]: _done, ...rest }) => rest);
    }
  }

  return {
    busy,
    command,
    cancelling,
    cancel,
    closeCancel: () => setCancelling(null),
    refunding,
    refund,
    closeRefund: () => setRefunding(null),
  };
}
