import type { OrderLineDto } from '@hiorder/domain/ordering/ordering.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { ageClock } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { ageLevel, type KitchenTile, type StationFilter } from './kitchen-view';

/**
 * One ticket on the kitchen display: the lines this view makes (tap one to check it off, again to take it back),
 * the note large, the progress when part of it is ready, the reason of a failed action, and the bump.
 */
export function KitchenTileCard(props: {
  tile: KitchenTile;
  station: StationFilter;
  now: number;
  fresh: boolean;
  busy: boolean;
  failure: string | null;
  onBump: () => void;
  onToggleLine: (line: OrderLineDto) => void;
}) {
  const { t, locale } = useI18n();
  const { order, lines, progress } = props.tile;
  const level = ageLevel(order.paidAt ?? order.createdAt, props.now);
  return (
    <article
      className={`tile age-${level}${props.fresh ? ' fresh' : ''}`}
      data-testid="kitchen-tile"
      data-order-id={order.id}
      data-age={level}
    >
      <div className="tile-head">
        <span className="tile-table">{order.tableLabel}</span>
        <span className="tile-code">#{order.shortCode}</span>
        <span className="tile-age">{ageClock(order.paidAt ?? order.createdAt, props.now)}</span>
      </div>
      <div className="tile-status-row">
        <span className={`tile-status tile-${order.status}`}>{order.status === 'paid' ? t('kitchenNew') : t('statusAccepted')}</span>
        {progress.ready > 0 && (
          <span className="tile-progress" data-testid="tile-progress">
            {t('linesReady', { ready: progress.ready, total: progress.total })}
          </span>
        )}
      </div>
      <ul className="tile-lines">
        {lines.map((line) => {
          // Refunded quantities are not made: the cook sees what is left, and what was taken off. A line refunded
          // whole says so instead of "0×", and there is nothing on it to check off.
          const left = line.qty - line.refundedQty;
          return (
            <li
              key={line.id}
              className={line.readyAt || left <= 0 ? 'done' : ''}
              data-testid="tile-line"
              data-line-id={line.id}
              data-ready={line.readyAt ? 'true' : 'false'}
              data-refunded-whole={left <= 0 ? 'true' : undefined}
            >
              <button
                type="button"
                className="tile-line"
                disabled={props.busy || left <= 0}
                aria-pressed={line.readyAt !== null}
                onClick={() => props.onToggleLine(line)}
              >
                <span className="check" aria-hidden="true">
                  {line.readyAt ? '✓' : ''}
                </span>
                <span className="qty">{left > 0 ? left : line.qty}×</span>
                <span className="name">
                  {localized(line.name, locale)}
                  {line.options.length > 0 && (
                    <span className="tile-options">{line.options.map((o) => localized(o.name, locale)).join(' · ')}</span>
                  )}
                  {line.note && <span className="tile-line-note">✎ {line.note}</span>}
                  {line.refundedQty > 0 && (
                    <span className="tile-line-note" data-testid="tile-refunded">
                      {left > 0 ? t('refundedN', { n: line.refundedQty }) : t('refundedWhole')}
                    </span>
                  )}
                </span>
                {props.station === 'all' && (
                  <span className={`tile-station st-${line.station}`}>{t(line.station === 'bar' ? 'stationBar' : 'stationKitchen')}</span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      {order.note && <div className="tile-note">✎ {order.note}</div>}
      {props.failure && (
        <div className="tile-error" role="alert" data-testid="tile-error">
          {t('actionFailed')} {props.failure}
        </div>
      )}
      <button className="bump" disabled={props.busy} onClick={props.onBump}>
        ✓{' '}
        {props.station === 'all' ? t('bump') : t('bumpStation', { station: t(props.station === 'bar' ? 'stationBar' : 'stationKitchen') })}
      </button>
    </article>
  );
}
