import { localized } from '@hiorder/domain/shared/locale';
import { useState } from 'react';
import { useI18n } from '../shared/i18n';
import { RECALL_WINDOW_MS, type RecentBump } from './useKitchenActions';

/** The recall list: the bumps of the last minutes, newest first, each with a button that brings its tile back. */
export function RecallMenu(props: {
  recent: readonly RecentBump[];
  now: number;
  failures: Readonly<Record<string, string>>;
  onRecall: (bump: RecentBump) => void;
}) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const shown = props.recent.filter((b) => props.now - b.at < RECALL_WINDOW_MS);
  return (
    <div className="recall">
      <button type="button" className="btn" data-testid="recall-open" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        ↶ {t('recall')}
        {shown.length > 0 && ` (${shown.length})`}
      </button>
      {open && (
        <div className="recall-panel" role="dialog" aria-label={t('recallTitle')}>
          <h3>{t('recallTitle')}</h3>
          {shown.length === 0 && <div className="recall-item">{t('recallEmpty')}</div>}
          {shown.map((bump) => (
            <div key={bump.key} className="recall-item" data-testid="recall-item" data-order-id={bump.orderId}>
              <span className="what">
                {bump.tableLabel} #{bump.shortCode} · {bump.lines.map((l) => `${localized(l.name, locale)} ${l.qty}`).join(', ')}
                <small>{t('secondsAgo', { n: Math.max(0, Math.round((props.now - bump.at) / 1000)) })}</small>
                {props.failures[bump.orderId] && (
                  <small role="alert" className="recall-error">
                    {t('actionFailed')} {props.failures[bump.orderId]}
                  </small>
                )}
              </span>
              <button type="button" onClick={() => props.onRecall(bump)}>
                ↶ {t('recall')}
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
