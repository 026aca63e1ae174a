import { expiresSoon, isPayable } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { useState } from 'react';
import type { OutboxRow } from '../db/db';
import { useLocale } from '../ui/i18n';
import { useNow } from '../ui/useNow';

const SEEN_EXPIRED_KEY = 'hiorder.seenExpired';

/** m:ss of a duration, for "2:41 left". */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * What the guest must not miss about unpaid orders when the checkout is closed: an order placed (for instance
 * sent after the tablet came back online) that still waits for payment — with the time left and a "pay" button,
 * in warning colours when it is about to expire — and an order that expired unpaid, until the guest
 * acknowledges it. Orders of this tablet only (the checkout opens by its outbox row).
 */
export function PaymentPrompt({
  orders,
  outbox,
  openCheckoutId,
  onOpenCheckout,
}: {
  orders: OrderDto[];
  outbox: OutboxRow[];
  openCheckoutId: string | null;
  onOpenCheckout: (outboxId: string) => void;
}) {
  const { t } = useLocale();
  const [seen, setSeen] = useState<string[]>(() => JSON.parse(sessionStorage.getItem(SEEN_EXPIRED_KEY) ?? '[]') as string[]);
  const outboxByOrder = new Map(outbox.filter((r) => r.orderId).map((r) => [r.orderId as string, r.id]));
  const unpaid = orders.filter((o) => o.status === 'pending_payment' && outboxByOrder.has(o.id));
  const now = useNow(unpaid.length > 0, 1000);
  const payable = unpaid.filter((o) => isPayable(o, now) && outboxByOrder.get(o.id) !== openCheckoutId);
  const expired = orders.filter((o) => o.status === 'expired' && outboxByOrder.has(o.id) && !seen.includes(o.id));
  if (payable.length === 0 && expired.length === 0) return null;
  const acknowledge = (id: string) => {
    const next = [...seen, id];
    sessionStorage.setItem(SEEN_EXPIRED_KEY, JSON.stringify(next));
    setSeen(next);
  };
  return (
    <div className="payment-prompts">
      {payable.map((o) => {
        const time = formatLeft(Date.parse(o.expiresAt) - now);
        const soon = expiresSoon(o, now);
        return (
          <div
            key={o.id}
            className={`banner ${soon ? 'banner-urgent' : 'banner-pay'}`}
            role="alert"
            data-testid="pay-prompt"
            data-order-id={o.id}
            data-soon={soon}
          >
            <span className="banner-dot" aria-hidden="true" />
            <span>{t(soon ? 'expiringSoon' : 'awaitingPayment', { code: o.shortCode, time })}</span>
            <button
              type="button"
              className="btn btn-primary banner-action"
              onClick={() => onOpenCheckout(outboxByOrder.get(o.id) as string)}
            >
              {t('payNow')}
            </button>
          </div>
        );
      })}
      {expired.map((o) => (
        <div key={o.id} className="banner banner-expired" role="alert" data-testid="expired-notice" data-order-id={o.id}>
          <span>{t('expiredNotice', { code: o.shortCode })}</span>
          <button type="button" className="btn banner-action" onClick={() => acknowledge(o.id)}>
            {t('dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
