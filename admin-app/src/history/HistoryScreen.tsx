import { z } from 'zod';
import { OrderHistoryPageSchema, type OrderHistoryQuery } from '@hiorder/domain/history/history.schemas';
import { TableDtoSchema } from '@hiorder/domain/identity/identity.schemas';
import type { OrderStatus } from '@hiorder/domain/ordering/ordering.schemas';
import { storeToday } from '@hiorder/domain/shared/store-time';
import { useState } from 'react';
import { STATUS_LABEL } from '../board/OrderCard';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { METHOD_LABEL, methodLabel as labelOf } from '../shared/payment-methods';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { errorText, useToast } from '../shared/ui';

const STATUSES: OrderStatus[] = ['paid', 'accepted', 'served', 'cancelled', 'pending_payment', 'expired', 'payment_failed'];
const PAGE_SIZE = 20;

type Filter = Pick<OrderHistoryQuery, 'from' | 'to' | 'tableId' | 'method'> & { status?: OrderStatus };

function queryString(filter: Filter, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  params.set('page', String(page));
  params.set('pageSize', String(PAGE_SIZE));
  return params.toString();
}

/**
 * The store's order history (read model): business days, table, status and payment method, paged; the same search
 * exported as CSV for Excel.
 */
export function HistoryScreen() {
  const { t, locale } = useI18n();
  const { api, session } = useAdmin();
  const today = storeToday(new Date(), session.store.timeZone);
  // `?status=cancelled` (the board's link to the orders it no longer shows) opens the history filtered.
  const [filter, setFilter] = useState<Filter>(() => {
    const wanted = new URLSearchParams(window.location.search).get('status');
    const status = STATUSES.find((s) => s === wanted);
    return { from: today, to: today, ...(status ? { status } : {}) };
  });
  const [page, setPage] = useState(1);
  const [tables] = useLoad(() => api.get('/api/tables', z.array(TableDtoSchema)), []);
  const [result] = useLoad(
    async () => await api.get(`/api/order-history?${queryString(filter, page)}`, OrderHistoryPageSchema),
    [filter, page],
  );
  const [, toast, toastNode] = useToast();
  const set = (patch: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const methodLabel = (m: string | null) => (m === null ? '—' : labelOf(t, m));
  const time = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', {
          timeZone: session.store.timeZone,
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(iso))
      : '';

  async function exportCsv(): Promise<void> {
    try {
      const blob = await api.download(`/api/order-history.csv?${queryString(filter, 1)}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `orders-${filter.from ?? 'all'}-${filter.to ?? 'all'}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      toast({ text: errorText(err), error: true });
    }
  }

  const pages = result.state === 'ready' ? Math.max(1, Math.ceil(result.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <div className="page-head">
        <h1>{t('navHistory')}</h1>
        <button className="btn btn-primary" onClick={() => void exportCsv()} data-testid="export-csv">
          {t('exportCsv')}
        </button>
      </div>
      <form className="panel filters" onSubmit={(e) => e.preventDefault()} aria-label={t('filters')}>
        <label className="field">
          {t('fromDay')}
          <input type="date" name="from" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
        </label>
        <label className="field">
          {t('toDay')}
          <input type="date" name="to" value={filter.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
        </label>
        <label className="field">
          {t('table')}
          <select name="tableId" value={filter.tableId ?? ''} onChange={(e) => set({ tableId: e.target.value || undefined })}>
            <option value="">{t('all')}</option>
            {tables.state === 'ready' &&
              [...tables.data]
                .sort((a, b) => a.position - b.position)
                .map((tb) => (
                  <option key={tb.id} value={tb.id}>
                    {tb.label}
                  </option>
                ))}
          </select>
        </label>
        <label className="field">
          {t('status')}
          <select
            name="status"
            value={filter.status ?? ''}
            onChange={(e) => set({ status: (e.target.value || undefined) as OrderStatus | undefined })}
          >
            <option value="">{t('all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('paymentMethod')}
          <select name="method" value={filter.method ?? ''} onChange={(e) => set({ method: e.target.value || undefined })}>
            <option value="">{t('all')}</option>
            {Object.keys(METHOD_LABEL).map((m) => (
              <option key={m} value={m}>
                {methodLabel(m)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div className="panel">
        {result.state === 'failed' && <div className="empty">{result.message}</div>}
        {result.state === 'ready' && result.data.rows.length === 0 && <div className="empty">{t('empty')}</div>}
        {result.state === 'ready' && result.data.rows.length > 0 && (
          <table className="data history" data-testid="history-table">
            <thead>
              <tr>
                <th>{t('orderNo')}</th>
                <th>{t('table')}</th>
                <th>{t('placedAt')}</th>
                <th>{t('historyItems')}</th>
                <th>{t('status')}</th>
                <th>{t('paymentMethod')}</th>
                <th className="num">{t('total')}</th>
                <th className="num">{t('refunded')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.rows.map((r) => (
                <tr key={r.orderId} data-testid="history-row" data-table={r.tableLabel}>
                  <td className="code">#{r.shortCode}</td>
                  <td>{r.tableLabel}</td>
                  <td>{time(r.createdAt)}</td>
                  <td className="items">{r.items}</td>
                  <td>
                    <span className={`pill pill-${r.status}`}>{t(STATUS_LABEL[r.status])}</span>
                  </td>
                  <td>{methodLabel(r.paymentMethod)}</td>
                  <td className="num">{won(r.total, locale)}</td>
                  <td className="num">{r.refunded > 0 ? won(r.refunded, locale) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="pager">
          <span className="muted">{result.state === 'ready' ? t('historyCount', { n: result.data.total }) : '…'}</span>
          <button className="btn btn-sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            ‹ {t('prevPage')}
          </button>
          <span>
            {page} / {pages}
          </span>
          <button className="btn btn-sm" disabled={page >= pages} onClick={() => setPage(page + 1)} data-testid="next-page">
            {t('nextPage')} ›
          </button>
        </div>
      </div>
      {toastNode}
    </>
  );
}
