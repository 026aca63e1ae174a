import { awaitsCounterPayment, canTransition, isPaid, isToCook } from '@hiorder/domain/ordering/order-lifecycle';
import { lineProgress } from '@hiorder/domain/ordering/order-progress';
import type { OrderDto, OrderStatus } from '@hiorder/domain/ordering/ordering.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { ageMinutes, won } from '../shared/format';
import { useI18n, type MessageKey } from '../shared/i18n';
import { PrinterIcon } from '../printing/PrinterIcon';

export const STATUS_LABEL: Record<OrderStatus, MessageKey> = {
  pending_payment: 'statusPending',
  paid: 'statusPaid',
  accepted: 'statusAccepted',
  served: 'statusServed',
  cancelled: 'statusCancelled',
  payment_failed: 'statusFailed',
  expired: 'statusExpired',
};

export type OrderCommand = 'accept' | 'serve' | 'cancel' | 'refund' | 'settle_cash' | 'settle_card_terminal' | 'settle_other';

export function OrderCard(props: {
  order: OrderDto;
  now: number;
  fresh?: boolean;
  busy?: boolean;
  showTable?: boolean;
  onCommand?: (command: OrderCommand, order: OrderDto) => void;
  onSeen?: (order: OrderDto) => void;
  /** Print the order's kitchen tickets again (paid orders only). */
  onReprint?: (order: OrderDto) => void;
}) {
  const { t, locale } = useI18n();
  const { order, now } = props;
  const minutes = ageMinutes(order.paidAt ?? order.createdAt, now);
  const progress = lineProgress(order);
  const cooking = isToCook(order.status);
  const act = (command: OrderCommand) => () => props.onCommand?.(command, order);
  return (
    <article
      className={`card s-${order.status}${props.fresh ? ' fresh' : ''}`}
      data-testid="order-card"
      data-order-id={order.id}
      data-status={order.status}
      onPointerDown={() => props.fresh && props.onSeen?.(order)}
    >
      <div className="card-head">
        {props.showTable !== false && <span className="table-badge">{order.tableLabel}</span>}
        <span className="code">#{order.shortCode}</span>
        {props.showTable === false && <span className={`pill pill-${order.status}`}>{t(STATUS_LABEL[order.status])}</span>}
        {cooking && progress.ready > 0 && (
          <span className="pill pill-progress" data-testid="order-progress">
            {t('linesReady', { ready: progress.ready, total: progress.total })}
          </span>
        )}
        <span className="age">{minutes === 0 ? t('justNow') : t('agoMin', { n: minutes })}</span>
      </div>
      <ul className="lines">
        {order.lines.map((line) => (
          <li key={line.id} className={cooking && line.readyAt ? 'ready' : ''} data-ready={line.readyAt ? 'true' : 'false'}>
            <span>
              {cooking && line.readyAt && <span className="ready-mark">✓ </span>}
              <span className="qty">{line.qty}×</span> {localized(line.name, locale)}
              {line.refundedQty > 0 && (
                <span className="refunded-part" data-testid="line-refunded">
                  {t('refundedN', { n: line.refundedQty })}
                </span>
              )}
              {line.options.length > 0 && (
                <span className="line-options">{line.options.map((o) => localized(o.name, locale)).join(' · ')}</span>
              )}
              {line.note && <span className="line-note">✎ {line.note}</span>}
            </span>
          </li>
        ))}
      </ul>
      {order.note && (
        <div className="note">
          {t('note')}: {order.note}
        </div>
      )}
      {order.status === 'cancelled' && order.cancelReason && <div className="muted small">{order.cancelReason}</div>}
      {order.refunds.map((r) => (
        <div key={r.id} className="refund-summary" data-testid="refund-summary">
          {t('refunded')} −{won(r.amount, locale)} · {r.reason}
        </div>
      ))}
      {props.onCommand && awaitsCounterPayment(order) && (
        <div className="settle" role="group" aria-label={t('counterHint')}>
          <button className="btn btn-accept" disabled={props.busy} onClick={act('settle_cash')} data-testid="settle-cash">
            {t('settleCash')}
          </button>
          <button className="btn btn-accept" disabled={props.busy} onClick={act('settle_card_terminal')} data-testid="settle-card_terminal">
            {t('settleCardTerminal')}
          </button>
          <button className="btn" disabled={props.busy} onClick={act('settle_other')} data-testid="settle-other">
            {t('settleOther')}
          </button>
        </div>
      )}
      <div className="card-foot">
        <span className="total">{won(order.total, locale)}</span>
        {props.onReprint && order.paidAt && order.status !== 'cancelled' && (
          <button className="btn btn-sm" title={t('reprint')} aria-label={t('reprint')} onClick={() => props.onReprint?.(order)}>
            <PrinterIcon />
          </button>
        )}
        {props.onCommand && isPaid(order.status) && (
          <button className="btn btn-sm" disabled={props.busy} onClick={act('refund')} data-testid="open-refund">
            {t('refund')}
          </button>
        )}
        {props.onCommand && canTransition(order.status, 'cancelled') && (
          <button className="btn btn-danger btn-sm" disabled={props.busy} onClick={act('cancel')}>
            {t('cancel')}
          </button>
        )}
        {props.onCommand && canTransition(order.status, 'accepted') && (
          <button className="btn btn-accept" disabled={props.busy} onClick={act('accept')}>
            {t('accept')}
          </button>
        )}
        {props.onCommand && canTransition(order.status, 'served') && (
          <button className="btn btn-serve" disabled={props.busy} onClick={act('serve')}>
            {t('serve')}
          </button>
        )}
      </div>
    </article>
  );
}
