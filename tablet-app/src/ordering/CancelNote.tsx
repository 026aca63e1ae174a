import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { formatWon } from '@hiorder/domain/shared/money';
import { useLocale } from '../ui/i18n';

/**
 * What the guest is told about a cancelled order: how much went back to the card and why, or that nothing was
 * charged (cancelled before payment). Nothing for an order that is not cancelled.
 */
export function CancelNote({ order }: { order: Pick<OrderDto, 'status' | 'payment' | 'total' | 'cancelReason'> }) {
  const { t, locale } = useLocale();
  if (order.status !== 'cancelled') return null;
  const reason = order.cancelReason ?? '—';
  const text =
    order.payment === 'cancelled' ? t('cancelRefunded', { amount: formatWon(order.total, locale), reason }) : t('cancelUnpaid', { reason });
  return (
    <p className="cancel-note" data-testid="cancel-note">
      {text}
    </p>
  );
}
