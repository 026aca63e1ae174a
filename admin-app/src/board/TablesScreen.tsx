import { z } from 'zod';
import { TableDtoSchema } from '@hiorder/domain/identity/identity.schemas';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { useLoad, useNow } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { Modal, useToast } from '../shared/ui';
import { selectTables } from './board-state';
import { StaffCalls } from './BoardScreen';
import { BillDialog } from './BillDialog';
import { PendingCancelDialog, PendingRefundDialog } from './CancelDialog';
import { useCloseVisit } from './CloseVisitDialog';
import { useTableMoves, type MoveIntent } from './TableMoveDialog';
import { OrderCard } from './OrderCard';
import { useOrderCommands } from './useOrderCommands';

/**
 * Per-table view: each table's open visit with its orders and total; move it (자리 이동), merge it (합석), move one
 * order, and "clear table" to close the visit (with a confirmation saying what remains when an order is still
 * cooking or unpaid).
 */
export function TablesScreen() {
  const { t, locale } = useI18n();
  const { api, board } = useAdmin();
  const { state } = useSyncExternalStore(board.subscribe, board.getSnapshot);
  const [tables] = useLoad(() => api.get('/api/tables', z.array(TableDtoSchema)), []);
  const [openId, setOpenId] = useState<string | null>(null);
  const [billOfTable, setBillOfTable] = useState<string | null>(null);
  const [, toast, toastNode] = useToast();
  const closing = useCloseVisit({ onClosed: () => setOpenId(null), toast });
  const moves = useTableMoves({ toast, onMoved: setOpenId });
  // One dialog at a time: the table's dialog gives way to the picker (Escape would close both otherwise).
  const startMove = (intent: MoveIntent) => {
    setOpenId(null);
    moves.start(intent);
  };
  const commands = useOrderCommands(toast);
  const now = useNow(15_000);

  const summaries = useMemo(
    () =>
      tables.state === 'ready'
        ? selectTables(
            state,
            [...tables.data].sort((a, b) => a.position - b.position),
          )
        : [],
    [state, tables],
  );
  const open = summaries.find((s) => s.table.id === openId);
  const billTable = summaries.find((s) => s.table.id === billOfTable);

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
                {s.awaitingPayment > 0 && (
                  <span className="pill pill-pending_payment">{t('awaitingPayment', { n: s.awaitingPayment })}</span>
                )}
              </>
            )}
            {s.calls.length > 0 && (
              <span className="pill pill-soldout">{t(s.calls.some((c) => c.kind === 'checkout') ? 'callCheckout' : 'staffCall')}</span>
            )}
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
                className="btn"
                disabled={open.visitId === null}
                onClick={() => {
                  setOpenId(null);
                  setBillOfTable(open.table.id);
                }}
                data-testid="open-bill"
              >
                {t('bill')}
              </button>
              <button
                className="btn"
                disabled={open.visitId === null}
                onClick={() => startMove({ kind: 'visit', fromTableId: open.table.id, fromLabel: open.table.label })}
                data-testid="move-table"
              >
                {t('moveTable')}
              </button>
              <button
                className="btn"
                disabled={open.visitId === null}
                onClick={() => startMove({ kind: 'merge', fromTableId: open.table.id, fromLabel: open.table.label })}
                data-testid="merge-table"
              >
                {t('mergeTable')}
              </button>
              <button
                className="btn btn-primary"
                disabled={closing.busy || open.visitId === null}
                onClick={() => void closing.close(open.table.id, open.table.label)}
                data-testid="clear-table"
              >
                {t('clearTable')}
              </button>
            </>
          }
        >
          {open.orders.length === 0 && <div className="empty">{t('empty')}</div>}
          {open.orders.map((order) => (
            <div key={order.id} className="movable-order">
              <OrderCard order={order} now={now} showTable={false} busy={Boolean(commands.busy[order.id])} onCommand={commands.command} />
              <button
                className="btn btn-sm btn-ghost"
                onClick={() =>
                  startMove({
                    kind: 'order',
                    fromTableId: open.table.id,
                    fromLabel: open.table.label,
                    orderId: order.id,
                    shortCode: order.shortCode,
                  })
                }
                data-testid="move-order"
              >
                ⇄ {t('moveOrder')}
              </button>
            </div>
          ))}
        </Modal>
      )}
      {billTable && (
        <BillDialog
          tableId={billTable.table.id}
          tableLabel={billTable.table.label}
          orders={Object.values(state.orders).filter((o) => o.tableId === billTable.table.id && !state.closedVisits[o.visitId])}
          onClose={() => setBillOfTable(null)}
          toast={toast}
        />
      )}
      {closing.dialog}
      {moves.dialog(summaries)}
      <PendingCancelDialog commands={commands} />
      <PendingRefundDialog commands={commands} />
      {toastNode}
    </>
  );
}
