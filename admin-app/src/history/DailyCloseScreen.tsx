import { DailyCloseDtoSchema, type DailyCloseDto } from '@hiorder/domain/history/daily-close.schemas';
import type { OrderStatus } from '@hiorder/domain/ordering/ordering.schemas';
import { useState } from 'react';
import { STATUS_LABEL } from '../board/OrderCard';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { methodLabel as labelOf } from '../shared/payment-methods';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';

/**
 * 마감 정산: one business day of the store (its zone, from its day-start hour): sales by payment method, refunds,
 * cancellations, the day's orders by status, and the cash the drawer should hold. Printable with the browser
 * (print CSS keeps only the report).
 */
export function DailyCloseScreen() {
  const { t, locale } = useI18n();
  const { api, session } = useAdmin();
  const [day, setDay] = useState<string | null>(null);
  const [close] = useLoad(() => api.get(`/api/daily-close${day ? `?day=${day}` : ''}`, DailyCloseDtoSchema), [day]);
  const methodLabel = (m: string) => labelOf(t, m);
  const at = (iso: string) =>
    new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', {
      timeZone: session.store.timeZone,
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));

  return (
    <>
      <div className="page-head no-print">
        <h1>{t('navClose')}</h1>
        <label className="field inline">
          {t('businessDay')}
          <input
            type="date"
            name="day"
            value={day ?? (close.state === 'ready' ? close.data.day : '')}
            onChange={(e) => setDay(e.target.value || null)}
          />
        </label>
        <button className="btn btn-primary" onClick={() => window.print()} data-testid="print-close">
          {t('print')}
        </button>
      </div>
      {close.state === 'failed' && <div className="empty">{close.message}</div>}
      {close.state === 'ready' && <CloseReport close={close.data} at={at} methodLabel={methodLabel} storeName={session.store.name} />}
    </>
  );
}

function CloseReport({
  close: c,
  at: time,
  methodLabel: label,
  storeName,
}: {
  close: DailyCloseDto;
  at: (iso: string) => string;
  methodLabel: (m: string) => string;
  storeName: string;
}) {
  const { t, locale } = useI18n();
  return (
    <article className="panel close-report" data-testid="daily-close" aria-labelledby="close-title">
      <header className="close-head">
        <h2 id="close-title">
          {storeName} · {t('navClose')} {c.day}
        </h2>
        <p className="muted">{t('closeSpan', { from: time(c.from), to: time(c.to), zone: c.timeZone })}</p>
      </header>
      <div className="close-cards">
        <Card title={t('closeSales')} value={won(c.sales.amount, locale)} sub={t('historyCount', { n: c.sales.orders })} />
        <Card title={t('closeRefunds')} value={`− ${won(c.refunds.amount, locale)}`} sub={t('historyCount', { n: c.refunds.orders })} />
        <Card title={t('closeNet')} value={won(c.net, locale)} strong />
        <Card title={t('closeCash')} value={won(c.cashExpected, locale)} sub={t('closeCashHint')} />
      </div>
      <table className="data close-methods">
        <thead>
          <tr>
            <th>{t('paymentMethod')}</th>
            <th className="num">{t('closeSales')}</th>
            <th className="num">{t('closeRefunds')}</th>
            <th className="num">{t('closeNet')}</th>
          </tr>
        </thead>
        <tbody>
          {c.methods.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                {t('empty')}
              </td>
            </tr>
          )}
          {c.methods.map((m) => (
            <tr key={m.method} data-testid="close-method">
              <td>{label(m.method)}</td>
              <td className="num">
                {won(m.sales.amount, locale)} <span className="muted">({m.sales.orders})</span>
              </td>
              <td className="num">
                {m.refunds.amount > 0 ? `− ${won(m.refunds.amount, locale)}` : '—'}{' '}
                {m.refunds.orders > 0 && <span className="muted">({m.refunds.orders})</span>}
              </td>
              <td className="num">
                <strong>{won(m.net, locale)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="close-counts">
        <h3>{t('closeCounts')}</h3>
        <ul>
          {(Object.entries(c.placedByStatus) as [OrderStatus, number][]).map(([status, n]) => (
            <li key={status}>
              <span className={`pill pill-${status}`}>{t(STATUS_LABEL[status])}</span> {n}
            </li>
          ))}
          <li>
            <span className="pill pill-cancelled">{t('closeCancelled')}</span> {c.cancelledOrders}
          </li>
        </ul>
      </section>
    </article>
  );
}

function Card(props: { title: string; value: string; sub?: string; strong?: boolean }) {
  return (
    <div className={props.strong ? 'close-card strong' : 'close-card'}>
      <span className="muted">{props.title}</span>
      <span className="value">{props.value}</span>
      {props.sub && <span className="muted small">{props.sub}</span>}
    </div>
  );
}
