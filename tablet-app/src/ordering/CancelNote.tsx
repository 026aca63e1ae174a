import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { formatWon } from '@hiorder/domain/shared/money';
import { localized } from '@hiorder/domain/shared/locale';
import { useLocale } from '../ui/i18n';

/**
 * What the guest is told about money going back: each partial refund (which dishes, how much, why), and for a
 * cancelled order how much went back to the card and why, or that nothing was charged (cancelled before payment).
 * Nothing for an order without either.
 */
export function CancelNote({
  order,
}: {
  order: Pick<OrderDto, 'status' | 'payment' | 'total' | 'cancelReason' | 'refunded' | 'refunds' | 'lines'>;
}) {
  const { t, locale } = useLocale();
  const nameOf = new Map(order.lines.map((l) => [l.id, localized(l.name, locale)]));
  const refunds = order.refunds.map((r) => (
    <p key={r.id} className="cancel-note refund-note" data-testid="refund-note">
      {t('partialRefunded', {
        amount: formatWon(r.amount, locale),
        items: r.lines.map((l) => `${nameOf.get(l.lineId) ?? '—'} ×${l.qty}`).join(', '),
        reason: r.reason,
      })}
    </p>
  ));
  if (order.status !== 'cancelled') return refunds.length > 0 ? <>{refunds}</> : null;
  const reason = order.cancelReason ?? '—';
  // The cancel refunded what partial refunds had left.
  const text =
    order.payment === 'cancelled'
      ? t('cancelRefunded', { amount: formatWon(order.total - order.refunded, locale), reason })
      : t('cancelUnpaid', { reason });
  return (
    <>
      {refunds}
      <p className="cancel-note" data-testid="cancel-note">
        {text}
      </p>
    </>
  );
}
