import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db/db';
import { useSyncStatus } from '../sync/status';
import { useLocale } from './i18n';

/** The typed sync status, in words: offline, connecting, orders waiting in the outbox. */
export function SyncBanner() {
  const { t } = useLocale();
  const status = useSyncStatus();
  const waiting = useLiveQuery(() => db.outbox.where('state').anyOf('queued', 'sending', 'busy').count()) ?? 0;
  if (status.connection === 'online' && waiting === 0) return null;
  const tone = status.connection === 'online' ? 'waiting' : status.connection;
  return (
    <div className={`banner banner-${tone}`} role="status" data-testid="sync-banner" data-connection={status.connection}>
      <span className="banner-dot" aria-hidden="true" />
      {status.connection === 'online' ? (
        <span>{t(waiting === 1 ? 'pendingOrdersOne' : 'pendingOrders', { n: waiting })}</span>
      ) : (
        <>
          <span>{status.connection === 'offline' ? t('offlineBanner') : t('connecting')}</span>
          {waiting > 0 && (
            <strong className="banner-count">{t(waiting === 1 ? 'pendingOrdersOne' : 'pendingOrders', { n: waiting })}</strong>
          )}
        </>
      )}
    </div>
  );
}
