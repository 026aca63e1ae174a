import { BusinessDaySettingsSchema, type BusinessDaySettings } from '@hiorder/domain/history/history.schemas';
import { IDLE_CLOSE_MINUTES, VisitSettingsSchema, type VisitSettings } from '@hiorder/domain/ordering/visit.schemas';
import { useEffect, useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { commandRunner, type ToastMessage } from '../shared/ui';

const CHOICES = [null, 15, 30, 45, 60, 90, 120, 180] as const;

/**
 * The idle rule of the store (admin): after how many minutes a visit whose orders are all served or closed ends by
 * itself. A section of its own so that a store settings page can host it as it is.
 */
export function VisitSettingsSection({ toast }: { toast: (m: ToastMessage) => void }) {
  const { t } = useI18n();
  const { api } = useAdmin();
  const [settings, reload] = useLoad(async () => await api.get('/api/store/visit-settings', VisitSettingsSchema), []);
  const [minutes, setMinutes] = useState<number | null>(null);
  useEffect(() => {
    if (settings.state === 'ready') setMinutes(settings.data.idleCloseMinutes);
  }, [settings]);
  const attempt = commandRunner({ reload, toast, saved: t('saved') });
  if (settings.state !== 'ready') return null;
  const choices = CHOICES.includes(minutes as (typeof CHOICES)[number]) ? CHOICES : [...CHOICES, minutes];

  return (
    <section className="panel settings-section" aria-labelledby="visit-settings-title" data-testid="visit-settings">
      <h2 id="visit-settings-title">{t('visitSettingsTitle')}</h2>
      <p className="muted">{t('visitSettingsHint')}</p>
      <div className="settings-row">
        <select
          aria-labelledby="visit-settings-title"
          name="idleCloseMinutes"
          value={minutes ?? ''}
          onChange={(e) => setMinutes(e.target.value === '' ? null : Number(e.target.value))}
        >
          {choices.map((n) => (
            <option key={n ?? 'off'} value={n ?? ''} disabled={n !== null && n < IDLE_CLOSE_MINUTES.min}>
              {n === null ? t('visitSettingsOff') : t('visitSettingsMinutes', { n })}
            </option>
          ))}
        </select>
        <button
          className="btn btn-primary"
          disabled={minutes === settings.data.idleCloseMinutes}
          onClick={() =>
            void attempt(() =>
              api.put('/api/store/visit-settings', { idleCloseMinutes: minutes } satisfies VisitSettings, VisitSettingsSchema),
            )
          }
        >
          {t('save')}
        </button>
      </div>
    </section>
  );
}

/** The hour the store's business day starts (admin): the history's days and the daily close count from it. */
export function BusinessDaySection({ toast }: { toast: (m: ToastMessage) => void }) {
  const { t } = useI18n();
  const { api } = useAdmin();
  const [settings, reload] = useLoad(async () => await api.get('/api/store/business-day', BusinessDaySettingsSchema), []);
  const [hour, setHour] = useState(0);
  useEffect(() => {
    if (settings.state === 'ready') setHour(settings.data.dayStartsAtHour);
  }, [settings]);
  const attempt = commandRunner({ reload, toast, saved: t('saved') });
  if (settings.state !== 'ready') return null;
  return (
    <section className="panel settings-section" aria-labelledby="business-day-title" data-testid="business-day-settings">
      <h2 id="business-day-title">{t('dayStartsAt')}</h2>
      <p className="muted">{t('dayStartsAtHint')}</p>
      <div className="settings-row">
        <select aria-labelledby="business-day-title" name="dayStartsAtHour" value={hour} onChange={(e) => setHour(Number(e.target.value))}>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {String(h).padStart(2, '0')}:00
            </option>
          ))}
        </select>
        <button
          className="btn btn-primary"
          disabled={hour === settings.data.dayStartsAtHour}
          onClick={() =>
            void attempt(() =>
              api.put('/api/store/business-day', { dayStartsAtHour: hour } satisfies BusinessDaySettings, BusinessDaySettingsSchema),
            )
          }
        >
          {t('save')}
        </button>
      </div>
    </section>
  );
}
