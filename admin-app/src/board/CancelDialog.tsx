import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { useState } from 'react';
import { won } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { Modal } from '../shared/ui';
import { RefundDialog } from './RefundDialog';
import type { useOrderCommands } from './useOrderCommands';

export function CancelDialog(props: { order: OrderDto; busy: boolean; onCancel: (reason: string) => void; onClose: () => void }) {
  const { t, locale } = useI18n();
  const reasons = t('cancelReasons').split('|');
  const [reason, setReason] = useState(reasons[0] ?? '');
  return (
    <Modal
      title={`${t('cancelTitle')} · ${props.order.tableLabel} #${props.order.shortCode}`}
      onClose={props.onClose}
      footer={
        <>
          <button className="btn" onClick={props.onClose}>
            {t('back')}
          </button>
          <button
            className="btn btn-danger-solid"
            disabled={props.busy || reason.trim() === ''}
            onClick={() => props.onCancel(reason.trim())}
            data-testid="confirm-cancel"
          >
            {t('cancelConfirm')} ({won(props.order.total, locale)})
          </button>
        </>
      }
    >
      <div className="reason-chips">
        {reasons.map((r) => (
          <button key={r} className={r === reason ? 'chip on' : 'chip'} onClick={() => setReason(r)}>
            {r}
          </button>
        ))}
      </div>
      <label className="field">
        {t('cancelReason')}
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} name="reason" />
      </label>
    </Modal>
  );
}

/** The cancel dialog of the order a board's commands are cancelling, if any (board and table views alike). */
export function PendingCancelDialog({
  commands,
}: {
  commands: Pick<ReturnType<typeof useOrderCommands>, 'cancelling' | 'busy' | 'cancel' | 'closeCancel'>;
}) {
  const order = commands.cancelling;
  if (!order) return null;
  return (
    <CancelDialog
      order={order}
      busy={Boolean(commands.busy[order.id])}
      onCancel={(reason) => void commands.cancel(reason)}
      onClose={commands.closeCancel}
    />
  );
}

/** The partial refund dialog of the order a board's commands are refunding, if any (board and table views alike). */
export function PendingRefundDialog({
  commands,
}: {
  commands: Pick<ReturnType<typeof useOrderCommands>, 'refunding' | 'busy' | 'refund' | 'closeRefund'>;
}) {
  const order = commands.refunding;
  if (!order) return null;
  return <RefundDialog order={order} busy={Boolean(commands.busy[order.id])} onRefund={commands.refund} onClose={commands.closeRefund} />;
}
