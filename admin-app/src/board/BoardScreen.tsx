import { useMemo, useSyncExternalStore } from 'react';
import { SoldOutMenu } from '../kitchen/SoldOutMenu';
import { useAdmin } from '../shared/app-context';
import { BellIcon } from '../shared/icons';
import { timeOfDay } from '../shared/format';
import { useNow } from '../shared/hooks';
import { useI18n, type MessageKey } from '../shared/i18n';
import { ADMIN_BASE, navigate } from '../shared/router';
import { useToast } from '../shared/ui';
import { PrintAlerts, useReprint } from '../printing/print-alerts';
import { selectColumns, type BoardState } from './board-state';
import { PendingCancelDialog, PendingRefundDialog } from './CancelDialog';
import { OrderCard } from './OrderCard';
import { useOrderCommands } from './useOrderCommands';
import { useCallLabel } from './alarms';

/** The open staff calls, each ringing until someone acknowledges it here or on any other board. */
export function StaffCalls({ state }: { state: BoardState }) {
  const { t, locale } = useI18n();
  const { session, acknowledge } = useAdmin();
  const callLabel = useCallLabel();
  if (state.staffCalls.length === 0) return null;
  return (
    <div className="calls" aria-live="assertive">
      {state.staffCalls.map((call) => (
        <div className="call" key={call.id} data-testid="staff-call" data-alarm="ringing">
          <span className="table-badge">{call.tableLabel}</span>
          <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            <BellIcon /> {callLabel(call)}
          </span>
          <span className="muted small">{timeOfDay(call.at, locale, session.store.timeZone)}</span>
          <button className="btn btn-sm" data-testid="staff-call-done" onClick={() => void acknowledge({ staffCallIds: call.ids })}>
            {t('done')}
          </button>
        </div>
      ))}
    </div>
  );
}

export function BoardScreen() {
  const { t } = useI18n();
  const { board, api } = useAdmin();
  const { state } = useSyncExternalStore(board.subscribe, board.getSnapshot);
  const now = useNow(15_000);
  const [, toast, toastNode] = useToast();
  const commands = useOrderCommands(toast);
  const reprint = useReprint(toast);
  const columns = useMemo(() => selectColumns(state), [state]);

  const column = (key: 'counter' | 'fresh' | 'accepted' | 'served', title: MessageKey, css: string) => (
    <section className={`column ${css}`} data-testid={`column-${key}`}>
      <div className="column-head">
        <span>{t(title)}</span>
        <span className="count">{columns[key].length}</span>
      </div>
      <div className="cards">
        {columns[key].length === 0 && <div className="empty">{t('empty')}</div>}
        {columns[key].map((order) => (
          <OrderCard
            key={order.id}
            order={order}
            now={now}
            fresh={Boolean(state.fresh[order.id])}
            busy={Boolean(commands.busy[order.id])}
            onCommand={commands.command}
            onSeen={(o) => board.dispatch({ type: 'order-seen', orderId: o.id })}
            onReprint={(o) => void reprint(o.id)}
          />
        ))}
      </div>
    </section>
  );

  return (
    <>
      <StaffCalls state={state} />
      <PrintAlerts toast={toast} />
      <div className="board-tools">
        <SoldOutMenu api={api} />
      </div>
      {columns.counter.length > 0 && <div className="counter-strip">{column('counter', 'colCounter', 'col-counter')}</div>}
      <div className="columns">
        {column('fresh', 'colNew', 'col-new')}
        {column('accepted', 'colAccepted', 'col-accepted')}
        {column('served', 'colServed', 'col-served')}
      </div>
      {/* Cancelled orders leave the columns; the history keeps them, one tap away. */}
      <p className="board-foot">
        <a
          href={`${ADMIN_BASE}history?status=cancelled`}
          data-testid="cancelled-link"
          onClick={(e) => {
            e.preventDefault();
            navigate(`${ADMIN_BASE}history?status=cancelled`);
          }}
        >
          {t('seeCancelled')} →
        </a>
      </p>
      <PendingCancelDialog commands={commands} />
      <PendingRefundDialog commands={commands} />
      {toastNode}
    </>
  );
}
