import type { MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon } from '@hiorder/domain/shared/money';
import { addToCart } from '../cart/actions';
import { useLocale } from '../ui/i18n';
import { MenuPhoto } from './MenuCard';

/** A horizontal row of small cards ("popular now", "goes well with"); the source decides what goes in. */
export function RecommendationRow({ title, menus, onOpen, compact = false }: { title: string; menus: readonly MenuDto[]; onOpen: (id: string) => void; compact?: boolean }) {
  const { locale, t } = useLocale();
  if (menus.length === 0) return null;
  return (
    <section className={`reco${compact ? ' reco-compact' : ''}`} aria-label={title}>
      <h2 className="reco-title">{title}</h2>
      <div className="reco-row">
        {menus.map((m) => (
          <div className="reco-card" key={m.id}>
            <button type="button" className="reco-open" onClick={() => onOpen(m.id)}>
              <MenuPhoto menu={m} className="reco-photo" />
              <span className="reco-name">{localized(m.name, locale)}</span>
              <span className="reco-price">{formatWon(m.price, locale)}</span>
            </button>
            <button type="button" className="reco-add" aria-label={`${localized(m.name, locale)} ${t('add')}`} onClick={() => void addToCart(m.id)}>
              +
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
