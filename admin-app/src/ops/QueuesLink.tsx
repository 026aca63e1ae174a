import { MeDtoSchema } from '@hiorder/domain/identity/identity.schemas';
import { useState } from 'react';
import type { ApiClient } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';

export const QUEUE_DASHBOARD_URL = '/admin/queues';

/**
 * The "Queues" link of an admin, shown only when `GET /api/me` says the server has a queue dashboard (Redis mode).
 * A page visit cannot carry the bearer token, so a click first asks `POST /api/queues/session` for the
 * dashboard's short-lived cookie, then opens it. The tab is opened before the request, inside the click, so
 * the browser's popup blocker lets it through; if it is blocked anyway, this tab goes there instead.
 */
export function QueuesLink({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const [me] = useLoad(() => api.get('/api/me', MeDtoSchema), [api]);
  const [failed, setFailed] = useState(false);
  if (me.state !== 'ready' || !me.data.queueDashboard) return null;

  async function open(): Promise<void> {
    const tab = window.open('', '_blank');
    try {
      await api.post('/api/queues/session');
      setFailed(false);
      if (tab) tab.location.href = QUEUE_DASHBOARD_URL;
      else location.assign(QUEUE_DASHBOARD_URL);
    } catch {
      tab?.close();
      setFailed(true);
    }
  }

  return (
    <a
      href={QUEUE_DASHBOARD_URL}
      data-testid="queues-link"
      title={failed ? t('queuesFailed') : undefined}
      onClick={(e) => {
        e.preventDefault();
        void open();
      }}
    >
      {t('navQueues')}
      {failed ? ' ⚠' : ''}
    </a>
  );
}
