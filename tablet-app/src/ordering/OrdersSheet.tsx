import { billOf } from '@hiorder/domain/ordering/bill';
import { isToCook } from '@hiorder/domain/ordering/order-lifecycle';
import { lineProgress } from '@hiorder/domain/ordering/order-progress';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon } from '@hiorder/domain/shared/money';
import type { MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { isPending } from '../sync/outbox-machine';
import { Dialog } from '../ui/Dialog';
import { useLocale, type StringKey } from '../ui/i18n';
import { CancelNote } from './CancelNote';
import { useVisit } from './useOrders';

/** How the bill names each payment method: counter payments say so, so the guests recognise their cash or card. */
const METHOD_LABEL: Record<PaymentMethod, StringKey> = {
  easy_pay: 'methodEasyPay',
  cash: 'methodCash',
  card_terminal: 'methodCard',
  other: 'methodOther',
};

/** This table's current visit: every order with its live state, and what still waits in the outbox. */
export function OrdersSheet({
  menus,
  onClose,
  onOpenCheckout,
  onOpenSplit,
}: {
  menus: ReadonlyMap<string, MenuDto>;
  onClose: () => void;
  onOpenCheckout: (outboxId: string) => void;
  /** Pay a share of an unpaid order (split the bill). */
  onOpenSplit?: (orderId: string) => void;
}) {
  const { t, locale } = useLocale();
  const visit = useVisit();
  if (!visit) return null;
  const waiting = visit.outbox.filter(isPending);
  // The digital receipt: the same bill the board shows (domain billOf), from the orders this tablet holds.
  const bill = billOf(visit.orders);
  const outboxByOrder = new Map(visit.outbox.filter((r) => r.orderId).map((r) => [r.orderId, r.id]));
  return (
    <Dialog label={t('myOrders')} onClose={onClose}>
      <div className="sheet orders-sheet">
        <div className="sheet-head">
          <h2>{t('myOrders')}</h2>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('close')}
          </button>
        </div>
        {visit.orders.length === 0 && waiting.length === 0 && <p className="muted center">{t('noOrders')}</p>}
        {/* Status changes (paid, cooking, served) are announced while the sheet is open. */}
        <ul className="orders" aria-live="polite">
          {waiting.map((row) => (
            <li key={row.id} className="order-item" data-status="outbox">
              <div className="order-item-head">
                <span className="status status-outbox">{t('status_outbox')}</span>
                <button type="button" className="btn btn-small" onClick={() => onOpenCheckout(row.id)}>
                  ›
                </button>
              </div>
              <p className="order-item-lines">
                {row.input.lines
                  .map((l) => `${menus.get(l.menuId) ? localized(menus.get(l.menuId)!.name, locale) : '—'} × ${l.qty}`)
                  .join(', ')}
              </p>
            </li>
          ))}
          {visit.orders.map((o) => {
            const outboxId = outboxByOrder.get(o.id);
            return (
              <li key={o.id} className="order-item" data-order-id={o.id} data-status={o.status}>
                <div className="order-item-head">
                  <span className="order-code">#{o.shortCode}</span>
                  <span className={`status status-${o.status}`}>{t(`status_${o.status}`)}</span>
                  {isToCook(o.status) && lineProgress(o).ready > 0 && (
                    <span className="status status-progress" data-testid="order-progress">
                      {t('linesReady', { ready: lineProgress(o).ready, total: lineProgress(o).total })}
                    </span>
                  )}
                  <strong className="order-total">{formatWon(o.total, locale)}</strong>
                </div>
                <p className="order-item-lines">
                  {o.lines
                    .map(
                      (l) =>
                        `${l.readyAt && o.status !== 'served' ? '✓ ' : ''}${localized(l.name, locale)}${l.options.length > 0 ? ` (${l.options.map((x) => localized(x.name, locale)).join(', ')})` : ''} × ${l.qty}${l.refundedQty > 0 ? ` (${t('refundedQty', { n: l.refundedQty })})` : ''}`,
                    )
                    .join(', ')}
                </p>
                <CancelNote order={o} />
                {o.status === 'pending_payment' && outboxId && o.payment !== 'split' && (
                  <button type="button" className="btn btn-primary btn-small" onClick={() => onOpenCheckout(outboxId)}>
                    {t('payNow')}
                  </button>
                )}
                {o.status === 'pending_payment' && o.payment !== 'unknown' && onOpenSplit && (
                  <button type="button" className="btn btn-small" onClick={() => onOpenSplit(o.id)} data-testid="open-split">
                    {t('splitPay')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <div className="orders-foot bill" data-testid="tablet-bill" role="group" aria-label={t('bill')}>
          {bill.payments.map((p) => (
            <div key={p.method} className="bill-row">
              <span>
                {t('billPaid')} · {t(METHOD_LABEL[p.method])}
              </span>
              <span>{formatWon(p.amount, locale)}</span>
            </div>
          ))}
          {bill.refunded > 0 && (
            <div className="bill-row">
              <span>{t('billRefunded')}</span>
              <span>− {formatWon(bill.refunded, locale)}</span>
            </div>
          )}
          {bill.leftToPay > 0 && (
            <div className="bill-row due">
              <span>{t('billLeftToPay')}</span>
              <span>{formatWon(bill.leftToPay, locale)}</span>
            </div>
          )}
          <div className="bill-row grand">
            <span>{t('billTotal')}</span>
            <strong>{formatWon(bill.total, locale)}</strong>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
