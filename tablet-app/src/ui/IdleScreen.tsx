import { useLocale } from './i18n';

export function IdleScreen({ onWake, storeName }: { onWake: () => void; storeName: string }) {
  const { t } = useLocale();
  return (
    <button type="button" className="idle" onClick={onWake} data-testid="idle-screen">
      <img src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" className="idle-logo" />
      <span className="idle-store">{storeName}</span>
      <span className="idle-title">{t('idleTitle')}</span>
      <span className="idle-sub">{t('idleSub')}</span>
    </button>
  );
}
