import { isOrderable, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { formatWon } from '@hiorder/domain/shared/money';
import { localized } from '@hiorder/domain/shared/locale';
import { addToCart } from '../cart/actions';
import { useLocale } from '../ui/i18n';

export function MenuBadges({ menu, popular }: { menu: MenuDto; popular: boolean }) {
  const { t } = useLocale();
  const soldOut = !isOrderable(menu);
  return (
    <div className="badges">
      {soldOut && <span className="badge badge-soldout">{t('soldOut')}</span>}
      {menu.limitPerVisit !== null && <span className="badge badge-event">{t('event')} · {t('oncePerVisit', { n: menu.limitPerVisit })}</span>}
      {menu.recommended && <span className="badge badge-reco">{t('recommended')}</span>}
      {popular && !menu.recommended && <span className="badge badge-popular">{t('popular')}</span>}
      {!soldOut && menu.stock !== null && menu.stock <= 5 && <span className="badge badge-left">{t('left', { n: menu.stock })}</span>}
    </div>
  );
}

export function MenuPhoto({ menu, className }: { menu: MenuDto; className: string }) {
  return menu.photoUrl ? (
    <img className={className} src={menu.photoUrl} alt="" loading="lazy" decoding="async" draggable={false} />
  ) : (
    <div className={`${className} photo-placeholder`} aria-hidden="true" />
  );
}

/** A big card: photo, name, price, badges; the card opens the detail sheet, the + button adds one. */
export function MenuCard({ menu, popular, onOpen, inCart }: { menu: MenuDto; popular: boolean; onOpen: () => void; inCart: number }) {
  const { t, locale } = useLocale();
  const soldOut = !isOrderable(menu);
  return (
    <article className={`menu-card${soldOut ? ' is-soldout' : ''}`} data-menu-id={menu.id}>
      <button type="button" className="menu-card-open" onClick={onOpen} aria-label={localized(menu.name, locale)}>
        <MenuPhoto menu={menu} className="menu-card-photo" />
        <MenuBadges menu={menu} popular={popular} />
        <div className="menu-card-body">
          <h3 className="menu-card-name">{localized(menu.name, locale)}</h3>
          <p className="menu-card-price">{formatWon(menu.price, locale)}</p>
        </div>
      </button>
      <button
        type="button"
        className="menu-card-add"
        disabled={soldOut}
        aria-label={`${localized(menu.name, locale)} ${t('add')}`}
        onClick={() => void addToCart(menu.id)}
      >
        {inCart > 0 ? <span className="menu-card-count">{inCart}</span> : '+'}
      </button>
    </article>
  );
}
