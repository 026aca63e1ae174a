import { localized } from '@hiorder/domain/shared/locale';
import { DEFAULT_TIME_ZONE, storeToday } from '@hiorder/domain/shared/store-time';
import type { SalesSummaryDto } from '@hiorder/domain/stats/stats.schemas';
import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis, Legend } from 'recharts';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { errorText } from '../shared/ui';
import { loadSalesSummary, salesKpis, type SalesRange } from './stats-client';

const PALETTE = ['#f0532a', '#1971c2', '#2b8a3e', '#f08c00', '#7048e8', '#0c8599', '#c2255c', '#5c940d'];

/** An hour of the day as people say it: "13시", "1 PM" (not "13h", which reads like a duration). */
export function hourLabel(hour: number, locale: 'ko' | 'en'): string {
  if (locale === 'ko') return `${hour}시`;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12} ${hour < 12 ? 'AM' : 'PM'}`;
}

/**
 * Sales dashboard: today at a glance, by hour, by menu, by category, by table, for a date range. Live: it reads
 * the read models again on each `stats:updated`, which the server already throttles per store.
 */
export function DashboardScreen() {
  const { t, locale } = useI18n();
  const { api, session, onStats } = useAdmin();
  const today = storeToday(new Date(), session.store.timeZone || DEFAULT_TIME_ZONE);
  const [range, setRange] = useState<SalesRange>({ from: today, to: today });
  const [stats, setStats] = useState<SalesSummaryDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let alive = true;
    loadSalesSummary(api, range).then(
      (s) => {
        if (!alive) return;
        setStats(s);
        setError(null);
        setUpdatedAt(new Date());
      },
      (err: unknown) => alive && setError(errorText(err)),
    );
    return () => {
      alive = false;
    };
  }, [api, range, tick]);

  useEffect(() => onStats(() => setTick((n) => n + 1)), [onStats]);

  const hours = useMemo(() => {
    if (!stats) return [];
    const active = stats.byHour.filter((h) => h.net !== 0).map((h) => h.hour);
    const from = Math.min(10, ...active);
    const to = Math.max(22, ...active);
    return stats.byHour.filter((h) => h.hour >= from && h.hour <= to).map((h) => ({ ...h, label: hourLabel(h.hour, locale) }));
  }, [stats, locale]);
  const kpis = useMemo(() => (stats ? salesKpis(stats.totals) : null), [stats]);
  // Dishes whose sales were all refunded have nothing to show (an empty bar with a name reads as a zero sale).
  const menus = useMemo(
    () =>
      (stats?.byMenu ?? [])
        .filter((m) => m.net > 0)
        .slice(0, 10)
        .map((m) => ({ ...m, label: localized(m.name, locale) })),
    [stats, locale],
  );
  // A pie needs positive slices: a category whose sales were all refunded has nothing to show.
  const categories = useMemo(
    () => (stats?.byCategory ?? []).filter((c) => c.net > 0).map((c) => ({ ...c, label: localized(c.name, locale) })),
    [stats, locale],
  );
  const money = (v: unknown): string => (typeof v === 'number' ? won(v, locale) : String(v));
  const compact = (v: number): string => (v >= 10000 ? `${Math.round(v / 1000)}k` : String(v));

  return (
    <>
      <div className="page-head">
        <h1>{t('navDashboard')}</h1>
        <button className="btn btn-sm" onClick={() => setRange({ from: today, to: today })}>
          {t('dashToday')}
        </button>
        <label className="field" style={{ flexDirection: 'row', alignItems: 'center' }}>
          {t('dashFrom')}
          <input
            type="date"
            value={range.from}
            max={range.to}
            onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
          />
        </label>
        <label className="field" style={{ flexDirection: 'row', alignItems: 'center' }}>
          {t('dashTo')}
          <input
            type="date"
            value={range.to}
            min={range.from}
            max={today}
            onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
          />
        </label>
      </div>
      {error && <div className="error-text">{error}</div>}
      {stats && kpis && (
        <>
          <div className="kpis" data-testid="kpis">
            <div className="kpi">
              <div className="k">{t('dashNetSales')}</div>
              <div className="v" data-testid="net-sales">
                {won(kpis.netSales, locale)}
              </div>
            </div>
            <div className="kpi">
              <div className="k">{t('dashOrders')}</div>
              <div className="v" data-testid="kept-orders">
                {kpis.keptOrders}
              </div>
            </div>
            <div className="kpi">
              <div className="k">{t('dashAvgTicket')}</div>
              <div className="v">{won(kpis.averageTicket, locale)}</div>
            </div>
            <div className="kpi">
              <div className="k">{t('dashCancelled')}</div>
              <div className="v" style={{ color: 'var(--danger)' }}>
                {kpis.refundedOrders} <span style={{ fontSize: 16 }}>({won(kpis.refunds, locale)})</span>
              </div>
            </div>
          </div>
          <div className="charts">
            <section className="panel chart-panel">
              <h2>{t('dashByHour')}</h2>
              <ResponsiveContainer width="100%" height={260}>
                <BarChart data={hours}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={4} />
                  <YAxis tickFormatter={compact} width={48} />
                  <Tooltip formatter={money} />
                  <Bar isAnimationActive={false} dataKey="net" name={t('dashNetSales')} fill="#f0532a" radius={[6, 6, 0, 0]} />
                </BarChart>
              </ResponsiveContainer>
            </section>
            <section className="panel chart-panel">
              <h2>{t('dashTopMenus')}</h2>
              {/* Every bar named (interval 0, a row per dish) and valued at its end. */}
              <ResponsiveContainer width="100%" height={Math.max(260, menus.length * 30 + 40)}>
                <BarChart data={menus} layout="vertical" margin={{ left: 10, right: 64 }}>
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                  <XAxis type="number" tickFormatter={compact} />
                  <YAxis type="category" dataKey="label" width={locale === 'en' ? 170 : 120} interval={0} tick={{ fontSize: 13 }} />
                  <Tooltip formatter={money} />
                  <Bar isAnimationActive={false} dataKey="net" name={t('dashNetSales')} fill="#1971c2" radius={[0, 6, 6, 0]}>
                    <LabelList dataKey="net" position="right" formatter={money} style={{ fontSize: 12, fill: '#374151' }} />
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </section>
            <section className="panel chart-panel">
              <h2>{t('dashByCategory')}</h2>
              <ResponsiveContainer width="100%" height={260}>
                <PieChart>
                  <Pie
                    isAnimationActive={false}
                    data={categories}
                    dataKey="net"
                    nameKey="label"
                    innerRadius={55}
                    outerRadius={95}
                    paddingAngle={2}
                  >
                    {categories.map((c, i) => (
                      <Cell key={c.categoryId} fill={PALETTE[i % PALETTE.length]} />
                    ))}
                  </Pie>
                  <Tooltip formatter={money} />
                  {/* The legend carries each slice's amount: a donut alone shows shares, not values. */}
                  <Legend
                    layout="vertical"
                    align="right"
                    verticalAlign="middle"
                    formatter={(value: string) => `${value} · ${money(categories.find((c) => c.label === value)?.net ?? 0)}`}
                  />
                </PieChart>
              </ResponsiveContainer>
            </section>
            <section className="panel chart-panel">
              <h2>{t('dashByTable')}</h2>
              <ResponsiveContainer width="100%" height={260}>
                <BarChart data={stats.byTable}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" interval={0} />
                  <YAxis tickFormatter={compact} width={48} />
                  <Tooltip formatter={money} />
                  <Bar isAnimationActive={false} dataKey="net" name={t('dashNetSales')} fill="#2b8a3e" radius={[6, 6, 0, 0]} />
                </BarChart>
              </ResponsiveContainer>
            </section>
            <section className="panel" data-testid="by-method">
              <h2>{t('byMethod')}</h2>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('byMethod')}</th>
                    <th scope="col" className="num">
                      {t('dashOrders')}
                    </th>
                    <th scope="col" className="num">
                      {t('total')}
                    </th>
                    <th scope="col" className="num">
                      {t('refunded')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashNetSales')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.byMethod.map((m) => (
                    <tr key={m.method} data-method={m.method}>
                      <td>{t(`payMethod_${m.method}`)}</td>
                      <td className="num">{m.orders}</td>
                      <td className="num">{money(m.gross)}</td>
                      <td className="num">{money(m.refunds)}</td>
                      <td className="num">{money(m.net)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          {updatedAt && (
            <p className="muted small">
              {t('dashUpdated')} {updatedAt.toLocaleTimeString(locale === 'ko' ? 'ko-KR' : 'en-GB')}
            </p>
          )}
        </>
      )}
    </>
  );
}
