import { StoreSettingsSchema, type StoreSettings } from '@hiorder/domain/identity/store.schemas';
import { useEffect, useState, type FormEvent } from 'react';
import { BusinessDaySection, VisitSettingsSection } from '../tables/VisitSettingsSection';
import { useAdmin } from '../shared/app-context';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { ApiError } from '../shared/api';
import { errorText, useToast } from '../shared/ui';
import { StoreFields } from './StoreFields';

/**
 * The store settings page (admin): name, zone, currency, languages, hours, the bill's footer and whether staff may
 * mark menus sold out; the visit idle rule and the business day's start hour, each a section of its own.
 */
export function StoreSettingsScreen() {
  const { t } = useI18n();
  const { api } = useAdmin();
  const [, toast, toastNode] = useToast();
  const [loaded, reload] = useLoad(async () => await api.get('/api/store/settings', StoreSettingsSchema), []);
  const [draft, setDraft] = useState<StoreSettings | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.state === 'ready') setDraft(loaded.data);
  }, [loaded]);

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    try {
      setDraft(await api.put('/api/store/settings', { ...draft, name: draft.name.trim() }, StoreSettingsSchema));
      toast({ text: t('saved') });
      reload();
    } catch (err) {
      toast({
        text: err instanceof ApiError && err.code === 'VALIDATION_FAILED' ? `${t('setupInvalid')} (${err.message})` : errorText(err),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  }

  if (loaded.state === 'failed') return <div className="empty">{loaded.message}</div>;
  if (!draft) return <div className="empty">…</div>;
  const changed = loaded.state === 'ready' && JSON.stringify(loaded.data) !== JSON.stringify(draft);
  return (
    <>
      <div className="page-head">
        <h1>{t('navSettings')}</h1>
      </div>
      <form
        className="panel settings-section store-settings"
        onSubmit={(e) => void save(e)}
        data-testid="store-settings"
        aria-label={t('navSettings')}
      >
        <StoreFields value={draft} onChange={(basics) => setDraft({ ...draft, ...basics })} />
        <label className="field">
          {t('receiptFooter')}
          <textarea
            name="receiptFooter"
            maxLength={200}
            value={draft.receiptFooter}
            placeholder={t('receiptFooterHint')}
            onChange={(e) => setDraft({ ...draft, receiptFooter: e.target.value })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="staffMaySetSoldOut"
            checked={draft.staffMaySetSoldOut}
            onChange={(e) => setDraft({ ...draft, staffMaySetSoldOut: e.target.checked })}
          />
          {t('staffMaySetSoldOut')}
        </label>
        <div className="settings-row">
          <button className="btn btn-primary btn-lg" type="submit" disabled={busy || !changed}>
            {t('save')}
          </button>
        </div>
      </form>
      <VisitSettingsSection toast={toast} />
      <BusinessDaySection toast={toast} />
      {toastNode}
    </>
  );
}
