import type { MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon } from '@hiorder/domain/shared/money';
import { addToCart } from '../cart/actions';
import { useLocale } from '../ui/i18n';
import { MenuPhoto } from './MenuCard';

/**
 * A horizontal row of small cards ("popular now", "goes well with"); the caller decides what goes in and
 * leaves out what the rules would refuse. `compact` is the cart's strip: one line of thumbnails, so the cart's
 * own lines keep the room.
 */
export function RecommendationRow({
  title,
  menus,
  onOpen,
  compact = false,
}: {
  title: string;
  menus: readonly MenuDto[];
  onOpen: (id: string) => void;
  compact?: boolean;
}) {
  const { locale, t } = useLocale();
  if (menus.length === 0) return null;
  return (
    <section className={`reco${compact ? ' reco-compact' : ''}`} aria-label={title}>
      <h2 className="reco-title">{title}</h2>
      <ul className="reco-row">
        {menus.map((m) => {
          const name = localized(m.name, locale);
          return (
            <li className="reco-card" key={m.id} data-menu-id={m.id}>
              <button type="button" className="reco-open" onClick={() => onOpen(m.id)}>
                <MenuPhoto menu={m} className="reco-photo" />
                <span className="reco-text">
                  <span className="reco-name">{name}</span>
                  <span className="reco-price">{formatWon(m.price, locale)}</span>
                </span>
              </button>
              <button type="button" className="reco-add" aria-label={t('addNamed', { name })} onClick={() => void addToCart(m.id)}>
                +
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
