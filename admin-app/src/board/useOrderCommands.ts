import { type OrderDto, OrderDtoSchema } from '@hiorder/domain/ordering/ordering.schemas';
import { useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { errorText, type ToastMessage } from '../shared/ui';
import type { OrderCommand } from './OrderCard';

/**
 * Accept, serve, cancel, and settle an order paid at the counter. The server's answer is merged into the board at once (the push that follows is
 * then a duplicate the merge ignores), so the card moves as soon as the tap is acknowledged.
 */
export function useOrderCommands(toast: (m: ToastMessage) => void) {
  const { api, board } = useAdmin();
  const [busy, setBusy] = useState<Record<string, true>>({});
  const [cancelling, setCancelling] = useState<OrderDto | null>(null);

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

  return { busy, command, cancelling, cancel, closeCancel: () => setCancelling(null) };
}
