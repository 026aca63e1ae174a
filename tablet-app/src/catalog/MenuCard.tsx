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
      {menu.limitPerVisit !== null && (
        <span className="badge badge-event">
          {t('event')} · {t('oncePerVisit', { n: menu.limitPerVisit })}
        </span>
      )}
      {menu.labels.isNew && <span className="badge badge-new">{t('labelNew')}</span>}
      {menu.labels.best && <span className="badge badge-best">{t('labelBest')}</span>}
      {menu.labels.spicy > 0 && (
        // Words, not a pepper emoji: tablets without an emoji font would show an empty box.
        <span className={`badge badge-spicy spicy-${menu.labels.spicy}`}>{t('labelSpicy', { n: menu.labels.spicy })}</span>
      )}
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

/**
 * A card: photo, badges, name, one line of description, price. The card opens the detail sheet (its name is
 * what it shows); the round button adds one, and is disabled when the rules would refuse one more (`addable`
 * from the domain's `addableQty`: sold out, out of stock, or the per-visit limit already held).
 */
export function MenuCard({
  menu,
  popular,
  onOpen,
  inCart,
  addable,
}: {
  menu: MenuDto;
  popular: boolean;
  onOpen: () => void;
  inCart: number;
  addable: number | null;
}) {
  const { t, locale } = useLocale();
  const soldOut = !isOrderable(menu);
  const name = localized(menu.name, locale);
  const description = localized(menu.description, locale);
  const blocked = addable === 0;
  return (
    <article className={`menu-card${soldOut ? ' is-soldout' : ''}`} data-menu-id={menu.id}>
      <button type="button" className="menu-card-open" onClick={onOpen}>
        <MenuPhoto menu={menu} className="menu-card-photo" />
        <MenuBadges menu={menu} popular={popular} />
        <span className="menu-card-body">
          <span className="menu-card-name">{name}</span>
          {description && <span className="menu-card-desc">{description}</span>}
          <span className="menu-card-price">{formatWon(menu.price, locale)}</span>
        </span>
      </button>
      <button
        type="button"
        className="menu-card-add"
        disabled={blocked}
        title={blocked && !soldOut ? t('limitReached', { name }) : undefined}
        aria-label={inCart > 0 ? t('inCartNamed', { name, n: inCart }) : t('addNamed', { name })}
        // A dish with options is chosen in the detail sheet; the others go straight into the cart.
        onClick={() => (menu.optionGroupIds.length > 0 ? onOpen() : void addToCart(menu.id))}
      >
        {inCart > 0 ? <span className="menu-card-count">{inCart}</span> : '+'}
      </button>
    </article>
  );
}
