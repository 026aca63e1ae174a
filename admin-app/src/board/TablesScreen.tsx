import type { TableDto } from '@hiorder/domain/identity/identity.schemas';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { useLoad, useNow } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { errorText, Modal, useToast } from '../shared/ui';
import { selectTables } from './board-state';
import { StaffCalls } from './BoardScreen';
import { PendingCancelDialog } from './CancelDialog';
import { OrderCard } from './OrderCard';
import { useOrderCommands } from './useOrderCommands';

/** Per-table view: each table's open visit with its orders and total, and "clear table" to close the visit. */
export function TablesScreen() {
  const { t, locale } = useI18n();
  const { api, board } = useAdmin();
  const { state } = useSyncExternalStore(board.subscribe, board.getSnapshot);
  const [tables] = useLoad(() => api.get<TableDto[]>('/api/tables'), []);
  const [openId, setOpenId] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [, toast, toastNode] = useToast();
  const commands = useOrderCommands(toast);
  const now = useNow(15_000);

  const summaries = useMemo(
    () => (tables.state === 'ready' ? selectTables(state, [...tables.data].sort((a, b) => a.position - b.position)) : []),
    [state, tables],
  );
  const open = summaries.find((s) => s.table.id === openId);

  async function clearTable(tableId: string, label: string): Promise<void> {
    if (!confirm(t('clearTableConfirm', { table: label }))) return;
    setClosing(true);
    try {
      await api.post(`/api/tables/${tableId}/close-visit`);
      setOpenId(null);
    } catch (err) {
      toast({ text: errorText(err), error: true });
    } finally {
      setClosing(false);
    }
  }

  if (tables.state === 'failed') return <div className="empty">{tables.message}</div>;
  return (
    <>
      <StaffCalls state={state} />
      <div className="table-grid">
        {summaries.map((s) => (
          <button
            key={s.table.id}
            className={`table-tile${s.calls.length > 0 ? ' calling' : s.toCook > 0 ? ' busy' : ''}`}
            onClick={() => setOpenId(s.table.id)}
            data-testid="table-tile"
          >
            <span className="label">{s.table.label}</span>
            {s.orders.length === 0 && s.awaitingPayment === 0 ? (
              <span className="muted">{t('tableEmpty')}</span>
            ) : (
              <>
                {s.toCook > 0 && <span className="pill pill-paid">{t('toCook', { n: s.toCook })}</span>}
                {s.awaitingPayment > 0 && <span className="pill pill-pending_payment">{t('awaitingPayment', { n: s.awaitingPayment })}</span>}
              </>
            )}
            {s.calls.length > 0 && <span className="pill pill-soldout">{t('staffCall')}</span>}
            <span className="sum">{won(s.total, locale)}</span>
          </button>
        ))}
      </div>
      {open && (
        <Modal
          wide
          title={`${t('table')} ${open.table.label}`}
          onClose={() => setOpenId(null)}
          footer={
            <>
              <strong style={{ marginRight: 'auto', fontSize: 20 }}>
                {t('total')} {won(open.total, locale)}
              </strong>
              <button
                className="btn btn-primary"
                disabled={closing || open.visitId === null}
                onClick={() => void clearTable(open.table.id, open.table.label)}
                data-testid="clear-table"
              >
                {t('clearTable')}
              </button>
            </>
          }
        >
          {open.orders.length === 0 && <div className="empty">{t('empty')}</div>}
          {open.orders.map((order) => (
            <OrderCard key={order.id} order={order} now={now} showTable={false} busy={Boolean(commands.busy[order.id])} onCommand={commands.command} />
          ))}
        </Modal>
      )}
      <PendingCancelDialog commands={commands} />
      {toastNode}
    </>
  );
}
