import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { planRefund, refundableQty, type OrderRefund } from '@hiorder/domain/ordering/partial-refund';
import { newId } from '@hiorder/domain/shared/ids';
import { localized } from '@hiorder/domain/shared/locale';
import { useState } from 'react';
import { won } from '../shared/format';
import { useI18n, type MessageKey } from '../shared/i18n';
import { Modal } from '../shared/ui';

/** How a refund's failure is told to staff, by the server's code (in the board's language). */
const REFUND_ERRORS: Partial<Record<string, MessageKey>> = {
  REFUND_QTY_EXCEEDS: 'refundErrQty',
  REFUND_WHOLE_ORDER: 'refundErrWhole',
  REFUND_LINE_UNKNOWN: 'refundErrChanged',
  INVALID_STATE: 'refundErrChanged',
  NOT_FOUND: 'refundErrChanged',
  CONFLICT: 'refundErrBusy',
  REFUND_REFUSED: 'refundErrRefused',
  PAYMENT_UNAVAILABLE: 'refundErrUnavailable',
  PAYMENT_PENDING: 'refundErrPending',
  NETWORK: 'refundErrNetwork',
};

/** Codes after which the same request may be sent again as it is (its idempotency key kept: never refunded twice). */
const RETRY_SAME = new Set(['PAYMENT_PENDING', 'NETWORK', 'INTERNAL']);

export type RefundFailure = { code: string; message: string };

/**
 * Partial refund of a paid order: a stepper per line (up to what is left of it), a reason, whether the stock comes
 * back (an uncooked dish) or not (a wasted one), and the amount — computed by the domain's `planRefund` from the
 * order's price snapshot, the same rule the server applies — shown on the confirm button before anything is sent.
 * The idempotency key is made when the dialog opens and kept while an answer is unknown, so a retry never refunds
 * twice; a definitive failure gets a fresh one.
 */
export function RefundDialog(props: {
  order: OrderDto;
  busy: boolean;
  onRefund: (body: OrderRefund) => Promise<RefundFailure | null>;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { order } = props;
  const reasons = t('refundReasons').split('|');
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState(reasons[0] ?? '');
  const [restock, setRestock] = useState<boolean | null>(null);
  const [key, setKey] = useState(() => newId());
  const [failure, setFailure] = useState<RefundFailure | null>(null);

  const chosen = order.lines.flatMap((l) => ((qty[l.id] ?? 0) > 0 ? [{ lineId: l.id, qty: qty[l.id] ?? 0 }] : []));
  const plan = chosen.length > 0 ? planRefund(order.lines, chosen) : null;
  const whole = plan?.ok === false && plan.violation.code === 'REFUND_WHOLE_ORDER';
  const ready = plan?.ok === true && reason.trim() !== '' && restock !== null;
  const step = (lineId: string, by: number, max: number) => {
    setFailure(null);
    setQty((q) => ({ ...q, [lineId]: Math.min(max, Math.max(0, (q[lineId] ?? 0) + by)) }));
  };

  async function confirm(): Promise<void> {
    if (!ready || restock === null) return;
    const failed = await props.onRefund({ idempotencyKey: key, lines: chosen, reason: reason.trim(), restock });
    setFailure(failed);
    if (failed && !RETRY_SAME.has(failed.code)) setKey(newId());
  }

  return (
    <Modal
      wide
      title={`${t('refundTitle')} · ${order.tableLabel} #${order.shortCode}`}
      onClose={props.onClose}
      footer={
        <>
          <button className="btn" onClick={props.onClose}>
            {t('back')}
          </button>
          <button
            className="btn btn-danger-solid"
            disabled={props.busy || !ready}
            onClick={() => void confirm()}
            data-testid="confirm-refund"
          >
            {plan?.ok ? t('refundConfirm', { amount: won(plan.amount, locale) }) : t('refundChoose')}
          </button>
        </>
      }
    >
      <table className="table refund-lines">
        <thead>
          <tr>
            <th scope="col">{t('refundDish')}</th>
            <th scope="col" className="num">
              {t('refundUnitPrice')}
            </th>
            <th scope="col" className="num">
              {t('refundQty')}
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => {
            const left = refundableQty(line);
            const n = qty[line.id] ?? 0;
            const name = localized(line.name, locale);
            return (
              <tr key={line.id} data-testid="refund-line" data-line-id={line.id}>
                <td>
                  {name}
                  {line.options.length > 0 && (
                    <span className="line-options"> {line.options.map((o) => localized(o.name, locale)).join(' · ')}</span>
                  )}
                  <div className="muted small">
                    {t('refundLeft', { left, qty: line.qty })}
                    {line.refundedQty > 0 && ` · ${t('refundedN', { n: line.refundedQty })}`}
                  </div>
                </td>
                <td className="num">{won(line.unitPrice, locale)}</td>
                <td className="num">
                  <div className="stepper" role="group" aria-label={`${name} ${t('refundQty')}`}>
                    <button className="btn step" disabled={n === 0} onClick={() => step(line.id, -1, left)} aria-label={`${name} −1`}>
                      −
                    </button>
                    <output aria-live="polite" data-testid="refund-qty">
                      {n}
                    </output>
                    <button className="btn step" disabled={n >= left} onClick={() => step(line.id, 1, left)} aria-label={`${name} +1`}>
                      +
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {whole && (
        <p className="notice warn" role="status">
          {t('refundWholeHint')}
        </p>
      )}
      <fieldset className="refund-stock">
        <legend>{t('refundStock')}</legend>
        <button className={restock === true ? 'chip big on' : 'chip big'} aria-pressed={restock === true} onClick={() => setRestock(true)}>
          {t('refundRestockYes')}
        </button>
        <button
          className={restock === false ? 'chip big on' : 'chip big'}
          aria-pressed={restock === false}
          onClick={() => setRestock(false)}
          data-testid="refund-wasted"
        >
          {t('refundRestockNo')}
        </button>
      </fieldset>
      <div className="reason-chips">
        {reasons.map((r) => (
          <button key={r} className={r === reason ? 'chip on' : 'chip'} onClick={() => setReason(r)}>
            {r}
          </button>
        ))}
      </div>
      <label className="field">
        {t('cancelReason')}
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} name="refund-reason" required />
      </label>
      {failure && (
        <p className="notice error" role="alert" data-testid="refund-error" data-code={failure.code}>
          {t(REFUND_ERRORS[failure.code] ?? 'refundErrOther')} ({failure.code})
        </p>
      )}
    </Modal>
  );
}
