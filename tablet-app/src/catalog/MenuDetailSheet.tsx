import { isOrderable, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon } from '@hiorder/domain/shared/money';
import { useState } from 'react';
import { addToCart } from '../cart/actions';
import { useLocale } from '../ui/i18n';
import { MenuBadges, MenuPhoto } from './MenuCard';

/** A dish in full; its quantity stops where the rules would (`addable`: the domain's addableQty, null when unbounded). */
export function MenuDetailSheet({ menu, addable, onClose }: { menu: MenuDto; addable: number | null; onClose: () => void }) {
  const { t, locale } = useLocale();
  const [qty, setQty] = useState(1);
  const orderable = isOrderable(menu) && addable !== 0;
  const max = Math.min(addable ?? 99, 99);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={localized(menu.name, locale)} onClick={onClose}>
      <div className="sheet detail-sheet" onClick={(e) => e.stopPropagation()}>
        <MenuPhoto menu={menu} className="detail-photo" />
        <div className="detail-body">
          <MenuBadges menu={menu} popular={false} />
          <h2>{localized(menu.name, locale)}</h2>
          <p className="detail-price">{formatWon(menu.price, locale)}</p>
          {localized(menu.description, locale) && <p className="detail-desc">{localized(menu.description, locale)}</p>}
          <div className="detail-actions">
            <div className="stepper" aria-label="qty">
              <button type="button" className="step" onClick={() => setQty((q) => Math.max(1, q - 1))} disabled={!orderable}>
                −
              </button>
              <span className="step-value">{qty}</span>
              <button type="button" className="step" onClick={() => setQty((q) => Math.min(max, q + 1))} disabled={!orderable || qty >= max}>
                +
              </button>
            </div>
            <button
              type="button"
              className="btn btn-primary btn-grow"
              disabled={!orderable}
              onClick={() => {
                void addToCart(menu.id, qty);
                onClose();
              }}
            >
              {orderable ? (
                <>
                  <span className="nowrap">{t('addToCart')}</span> <span className="nowrap">· {formatWon(menu.price * qty, locale)}</span>
                </>
              ) : isOrderable(menu) ? (
                t('limitReached', { name: localized(menu.name, locale) })
              ) : (
                t('soldOut')
              )}
            </button>
          </div>
          <button type="button" className="btn btn-ghost btn-block" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </div>
    </div>
  );
}
