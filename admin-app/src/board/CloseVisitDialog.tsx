import { VisitNotSettledDetailsSchema, type UnsettledOrder, type VisitNotSettledDetails } from '@hiorder/domain/ordering/visit.schemas';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../shared/api';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { errorText, Modal, type ToastMessage } from '../shared/ui';
import { STATUS_LABEL } from './OrderCard';

interface Unsettled {
  tableId: string;
  label: string;
  remaining: VisitNotSettledDetails;
}

/**
 * Clearing a table. The server is asked first without `force`: a settled visit closes at once; one with an order
 * still cooking or unpaid answers `VISIT_NOT_SETTLED` with what remains, which this dialog shows before staff
 * confirm (the server decides what is unsettled, so the board's view can't be out of date here).
 */
export function useCloseVisit(input: { onClosed: () => void; toast: (m: ToastMessage) => void }): {
  close: (tableId: string, label: string) => Promise<void>;
  busy: boolean;
  dialog: ReactNode;
} {
  const { api } = useAdmin();
  const [unsettled, setUnsettled] = useState<Unsettled | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(tableId: string, label: string, force: boolean): Promise<void> {
    setBusy(true);
    try {
      await api.post(`/api/tables/${tableId}/close-visit`, force ? { force: true } : {});
      setUnsettled(null);
      input.onClosed();
    } catch (err) {
      const details =
        err instanceof ApiError && err.code === 'VISIT_NOT_SETTLED' ? VisitNotSettledDetailsSchema.safeParse(err.details) : null;
      if (details?.success) setUnsettled({ tableId, label, remaining: details.data });
      else input.toast({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  }

  const dialog = unsettled && (
    <CloseUnsettledDialog
      unsettled={unsettled}
      busy={busy}
      onConfirm={() => void send(unsettled.tableId, unsettled.label, true)}
      onClose={() => setUnsettled(null)}
    />
  );
  return { close: (tableId, label) => send(tableId, label, false), busy, dialog };
}

function CloseUnsettledDialog(props: { unsettled: Unsettled; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { label, remaining } = props.unsettled;
  const group = (title: string, orders: readonly UnsettledOrder[]) =>
    orders.length > 0 && (
      <section className="unsettled-group">
        <h3>{title}</h3>
        <ul>
          {orders.map((o) => (
            <li key={o.orderId} data-testid="unsettled-order">
              <span className="code">#{o.shortCode}</span>
              <span className={`pill pill-${o.status}`}>{t(STATUS_LABEL[o.status])}</span>
              <span className="sum">{won(o.total, locale)}</span>
            </li>
          ))}
        </ul>
      </section>
    );
  return (
    <Modal
      title={t('closeUnsettledTitle', { table: label })}
      onClose={props.onClose}
      footer={
        <>
          {/* The safe choice has the focus: Enter on a dialog that popped up must not clear a table. */}
          <button className="btn" onClick={props.onClose} autoFocus>
            {t('back')}
          </button>
          <button className="btn btn-danger-solid" disabled={props.busy} onClick={props.onConfirm} data-testid="close-anyway">
            {t('closeAnyway')}
          </button>
        </>
      }
    >
      <div role="alert" data-testid="close-unsettled">
        {group(t('closeUnsettledCooking', { n: remaining.cooking.length }), remaining.cooking)}
        {group(t('closeUnsettledUnpaid', { n: remaining.unpaid.length }), remaining.unpaid)}
      </div>
      <p className="muted">{t('closeUnsettledHint')}</p>
    </Modal>
  );
}
