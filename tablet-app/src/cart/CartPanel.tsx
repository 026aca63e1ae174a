import type { MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon, sumWon } from '@hiorder/domain/shared/money';
import type { CartLine } from '../db/db';
import { useLocale } from '../ui/i18n';
import { clearCart, setCartQty } from './actions';
import type { CartCheck } from './cart-rules';

/**
 * The cart with the domain's verdict on it: every problem is named next to its line and summed up above the
 * order button, which stays disabled until the cart can be ordered.
 */
export function CartPanel({
  lines,
  menus,
  check,
  onOrder,
  footer,
}: {
  lines: readonly CartLine[];
  menus: ReadonlyMap<string, MenuDto>;
  check: CartCheck;
  onOrder: () => void;
  footer?: React.ReactNode;
}) {
  const { t, locale } = useLocale();
  const total = sumWon(lines.map((l) => (menus.get(l.menuId)?.price ?? 0) * l.qty));
  const count = lines.reduce((n, l) => n + l.qty, 0);
  const problemsByMenu = new Map<string, string[]>();
  for (const p of check.problems) problemsByMenu.set(p.menuId, [...(problemsByMenu.get(p.menuId) ?? []), p.message]);

  return (
    <section className="cart" aria-label={t('cart')}>
      <header className="cart-head">
        <h2>
          {t('cart')} <span className="cart-count">{t(count === 1 ? 'itemsOne' : 'items', { n: count })}</span>
        </h2>
        {lines.length > 0 && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void clearCart()}>
            {t('clearCart')}
          </button>
        )}
      </header>
      {lines.length === 0 ? (
        <p className="cart-empty">{t('cartEmpty')}</p>
      ) : (
        <ul className="cart-lines">
          {lines.map((l) => {
            const menu = menus.get(l.menuId);
            const problems = problemsByMenu.get(l.menuId);
            return (
              <li key={l.menuId} className={`cart-line${problems ? ' has-problem' : ''}`} data-menu-id={l.menuId}>
                <div className="cart-line-main">
                  <span className="cart-line-name">{menu ? localized(menu.name, locale) : '—'}</span>
                  <span className="cart-line-price">{formatWon((menu?.price ?? 0) * l.qty, locale)}</span>
                </div>
                <div className="stepper stepper-small">
                  <button type="button" className="step" aria-label="−" onClick={() => void setCartQty(l.menuId, l.qty - 1)}>
                    −
                  </button>
                  <span className="step-value">{l.qty}</span>
                  <button type="button" className="step" aria-label="+" onClick={() => void setCartQty(l.menuId, l.qty + 1)}>
                    +
                  </button>
                </div>
                {problems?.map((m) => (
                  <p key={m} className="cart-line-problem">
                    {m}
                  </p>
                ))}
              </li>
            );
          })}
        </ul>
      )}
      {footer}
      <div className="cart-foot">
        {check.problems.length > 0 && (
          <div className="cart-problems" role="alert">
            <strong>{t('cantOrderYet')}</strong>
            <ul>
              {check.problems.map((p) => (
                <li key={`${p.menuId}-${p.code}`}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="cart-total">
          <span>{t('total')}</span>
          <strong>{formatWon(total, locale)}</strong>
        </div>
        <button type="button" className="btn btn-primary btn-block btn-big" disabled={lines.length === 0 || !check.verdict.ok} onClick={onOrder}>
          {t('orderAndPay', { amount: formatWon(total, locale) })}
        </button>
      </div>
    </section>
  );
}
