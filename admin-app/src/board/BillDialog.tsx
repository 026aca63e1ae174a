import { billOf } from '@hiorder/domain/ordering/bill';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { methodLabel } from '../shared/payment-methods';
import { useI18n } from '../shared/i18n';
import { errorText, Modal, type ToastMessage } from '../shared/ui';

/**
 * The table's bill (계산서) for its open visit, from the orders the board already follows (`billOf`, the same
 * function the tablet uses): dishes, charges by payment method, refunds, what is left to pay. Printed on the
 * counter's receipt printer (`POST /api/tables/:id/bill/print`) or by the browser.
 */
export function BillDialog(props: {
  tableId: string;
  tableLabel: string;
  orders: readonly OrderDto[];
  onClose: () => void;
  toast: (m: ToastMessage) => void;
}) {
  const { t, locale } = useI18n();
  const { api } = useAdmin();
  const [printing, setPrinting] = useState(false);
  const bill = billOf(props.orders);

  async function printOnPrinter(): Promise<void> {
    setPrinting(true);
    try {
      await api.post(`/api/tables/${props.tableId}/bill/print`);
      props.toast({ text: t('billSentToPrinter') });
    } catch (err) {
      props.toast({ text: errorText(err), error: true });
    } finally {
      setPrinting(false);
    }
  }

  return (
    <Modal
      title={`${t('bill')} · ${t('table')} ${props.tableLabel}`}
      onClose={props.onClose}
      footer={
        <>
          <button className="btn" onClick={() => window.print()}>
            {t('print')}
          </button>
          <button className="btn btn-primary" disabled={printing} onClick={() => void printOnPrinter()} data-testid="print-bill">
            {t('billPrintReceipt')}
          </button>
        </>
      }
    >
      <section className="receipt printable" data-testid="bill" aria-label={t('bill')}>
        <table className="receipt-lines">
          <tbody>
            {bill.lines.map((l) => (
              <tr key={`${l.name.ko}|${l.unitPrice}`}>
                <td>{localized(l.name, locale)}</td>
                <td className="num">×{l.qty}</td>
                <td className="num">{won(l.amount, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="receipt-sums">
          {bill.payments.map((p) => (
            <div key={p.method}>
              <dt>
                {t('billPaid')} · {methodLabel(t, p.method)}
              </dt>
              <dd>{won(p.amount, locale)}</dd>
            </div>
          ))}
          {bill.refunded > 0 && (
            <div>
              <dt>{t('refunded')}</dt>
              <dd>− {won(bill.refunded, locale)}</dd>
            </div>
          )}
          <div className={bill.leftToPay > 0 ? 'due' : ''}>
            <dt>{t('billLeftToPay')}</dt>
            <dd data-testid="bill-left">{won(bill.leftToPay, locale)}</dd>
          </div>
          <div className="grand">
            <dt>{t('total')}</dt>
            <dd data-testid="bill-total">{won(bill.total, locale)}</dd>
          </div>
        </dl>
      </section>
    </Modal>
  );
}
