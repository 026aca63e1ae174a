import type { MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { avoidedAllergensIn } from '@hiorder/domain/catalog/allergen-filter';
import { ALLERGENS, type Allergen } from '@hiorder/domain/catalog/menu-labels';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon, sumWon } from '@hiorder/domain/shared/money';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState } from 'react';
import { readOrderNote } from '../db/db';
import type { CartLine } from '../db/db';
import { useLocale } from '../ui/i18n';
import { clearCart, removeSoldOut, setCartQty, setOrderNote } from './actions';
import type { CartCheck } from './cart-rules';

/**
 * The cart with the domain's verdict on it: every problem is named next to its line, and the foot sums them
 * up above the order button (disabled until the cart can be ordered). The lines scroll; the foot never does,
 * so the order button stays on screen however many problems there are.
 */
export function CartPanel({
  lines,
  menus,
  check,
  onOrder,
  footer,
  addableOf = () => null,
  avoid = [],
}: {
  lines: readonly CartLine[];
  menus: ReadonlyMap<string, MenuDto>;
  check: CartCheck;
  onOrder: () => void;
  footer?: React.ReactNode;
  /** How many more of a menu the rules would accept (the domain's addableQty); "+" stops there. */
  addableOf?: (menuId: string) => number | null;
  /** The guest's allergy filter: a line put in the cart before it was set says what it contains. */
  avoid?: readonly Allergen[];
}) {
  const { t, locale } = useLocale();
  const titleId = useId();
  const total = sumWon(lines.map((l) => cartLinePrice(l, menus) * l.qty));
  const count = lines.reduce((n, l) => n + l.qty, 0);
  // A menu's problem shows under each of its lines; an option problem under its own line only.
  const problemsOf = (l: CartLine, index: number) =>
    check.problems.filter((p) => p.menuId === l.menuId && (p.line === null || p.line === index)).map((p) => p.message);
  const violations = check.verdict.ok ? [] : check.verdict.violations;
  const soldOut = violations.filter((v) => v.code === 'MENU_UNAVAILABLE' || v.code === 'OUT_OF_STOCK');

  return (
    <section className="cart" aria-labelledby={titleId}>
      <header className="cart-head">
        <h2 id={titleId}>
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
          {lines.map((l, index) => {
            const menu = menus.get(l.menuId);
            const name = menu ? localized(menu.name, locale) : '—';
            const problems = problemsOf(l, index);
            const avoided = menu ? avoidedAllergensIn(menu.labels, avoid) : [];
            return (
              <li key={l.key} className={`cart-line${problems.length > 0 ? ' has-problem' : ''}`} data-menu-id={l.menuId}>
                <div className="cart-line-main">
                  <span className="cart-line-name">{name}</span>
                  <span className="cart-line-price">{formatWon(cartLinePrice(l, menus) * l.qty, locale)}</span>
                </div>
                {(l.chosen.length > 0 || l.note) && (
                  <p className="cart-line-options">
                    {[...l.chosen.map((o) => localized(o.name, locale)), ...(l.note ? [`“${l.note}”`] : [])].join(' · ')}
                  </p>
                )}
                <div className="stepper stepper-small" role="group" aria-label={`${name} ${t('qty')}`}>
                  <button
                    type="button"
                    className="step"
                    aria-label={t('lessOf', { name })}
                    onClick={() => void setCartQty(l.key, l.qty - 1)}
                  >
                    −
                  </button>
                  <span className="step-value">{l.qty}</span>
                  <button
                    type="button"
                    className="step"
                    aria-label={t('moreOf', { name })}
                    disabled={addableOf(l.menuId) === 0}
                    onClick={() => void setCartQty(l.key, l.qty + 1)}
                  >
                    +
                  </button>
                </div>
                {avoided.length > 0 && (
                  <p className="cart-line-allergy">{t('allergyContains', { list: avoided.map((a) => ALLERGENS[a][locale]).join(', ') })}</p>
                )}
                {problems.map((m) => (
                  <p key={m} className="cart-line-problem">
                    {m}
                  </p>
                ))}
              </li>
            );
          })}
        </ul>
      )}
      {lines.length > 0 && <OrderNoteField />}
      {footer}
      <div className="cart-foot">
        {check.problems.length > 0 && (
          <div className="cart-problems" role="alert">
            <p className="cart-problems-head">
              <strong>{t('cantOrderYet')}</strong>{' '}
              <span className="cart-problems-count">{t('problemsCount', { n: check.problems.length })}</span>
            </p>
            {soldOut.length === 0 && <p className="cart-problems-hint">{t('fixMarked')}</p>}
            {/* The messages stand next to their lines; listed here once more for screen readers only. */}
            <ul className="sr-only">
              {check.problems.map((p) => (
                <li key={`${p.menuId}-${p.code}`}>{p.message}</li>
              ))}
            </ul>
            {soldOut.length > 0 && (
              <button
                type="button"
                className="btn btn-small btn-fix"
                onClick={() => void removeSoldOut(soldOut)}
                data-testid="remove-sold-out"
              >
                {t('removeSoldOut')}
              </button>
            )}
          </div>
        )}
        <div className="cart-total">
          <span>{t('total')}</span>
          <strong>{formatWon(total, locale)}</strong>
        </div>
        <button
          type="button"
          className="btn btn-primary btn-block btn-big"
          disabled={lines.length === 0 || !check.verdict.ok}
          onClick={onOrder}
          data-testid="order-button"
        >
          {t('orderAndPay', { amount: formatWon(total, locale) })}
        </button>
      </div>
    </section>
  );
}

/** What the cart shows for one of a line: the menu's price and the deltas of the options chosen (the server prices it again). */
export function cartLinePrice(line: Pick<CartLine, 'menuId' | 'chosen'>, menus: ReadonlyMap<string, MenuDto>): number {
  return (menus.get(line.menuId)?.price ?? 0) + sumWon(line.chosen.map((o) => o.priceDelta));
}

/**
 * The request for the whole order, under the lines: typed here, kept in Dexie (`setOrderNote`), sent with the order
 * and shown large on the board and the kitchen display. The field keeps what is typed; Dexie follows it.
 */
function OrderNoteField() {
  const { t } = useLocale();
  const id = useId();
  const stored = useLiveQuery(readOrderNote);
  const [text, setText] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  // Dexie changed it from elsewhere (the other panel: the side panel and the cart sheet show the same cart; an order
  // just sent; "clear"): follow it, unless the guest is typing here (Dexie may lag a keystroke behind then).
  useEffect(() => {
    if (stored !== undefined && (stored === '' || document.activeElement !== field.current)) setText(stored);
  }, [stored]);
  const value = text ?? stored ?? '';
  return (
    <div className="order-note">
      <label htmlFor={id}>{t('orderNote')}</label>
      <textarea
        id={id}
        ref={field}
        rows={2}
        value={value}
        maxLength={LIMITS.maxNoteLength}
        placeholder={t('orderNoteHint')}
        data-testid="order-note"
        onChange={(e) => {
          setText(e.target.value);
          void setOrderNote(e.target.value);
        }}
      />
      <span className="order-note-count" aria-hidden="true">
        {value.length}/{LIMITS.maxNoteLength}
      </span>
    </div>
  );
}
