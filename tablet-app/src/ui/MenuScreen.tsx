import { isOrderable, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { filterByAllergens } from '@hiorder/domain/catalog/allergen-filter';
import { ALLERGENS } from '@hiorder/domain/catalog/menu-labels';
import { isHolding } from '@hiorder/domain/ordering/order-lifecycle';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon, sumWon } from '@hiorder/domain/shared/money';
import { useEffect, useMemo, useRef, useState } from 'react';
import { addableQty } from '@hiorder/domain/ordering/order-rules';
import { checkCart, visitOnTablet } from '../cart/cart-rules';
import { CartPanel, cartLinePrice } from '../cart/CartPanel';
import { useCart } from '../cart/useCart';
import { AllergenFilterSheet, useAvoidedAllergens } from '../catalog/AllergenFilterSheet';
import { MenuCard } from '../catalog/MenuCard';
import { MenuDetailSheet } from '../catalog/MenuDetailSheet';
import { RecommendationRow } from '../catalog/RecommendationRow';
import { attractText } from '../catalog/attract';
import { useAttractScreen } from '../catalog/useAttractScreen';
import { useCatalog } from '../catalog/useCatalog';
import { useRecommendations } from '../catalog/useRecommendations';
import type { StoredSession } from '../db/db';
import { submitCart } from '../ordering/actions';
import { CheckoutScreen } from '../ordering/CheckoutScreen';
import { OrdersSheet } from '../ordering/OrdersSheet';
import { useVisit } from '../ordering/useOrders';
import { isPending } from '../sync/outbox-machine';
import { useSyncStatus } from '../sync/status';
import { tableTitle, useLocale } from './i18n';
import { Icon } from './Icon';
import { AccessibilityButton } from './AccessibilityButton';
import { canSpeak, speak } from './accessibility';
import { Dialog } from './Dialog';
import { AttractScreen } from './AttractScreen';
import { StaffCallSheet } from './StaffCallSheet';
import { SplitPayHost } from '../payment/split/SplitPayHost';
import { SplitQrSheet } from '../payment/split/SplitQrSheet';
import { SyncBanner } from './SyncBanner';
import { PaymentPrompt } from '../payment/PaymentPrompt';
import { useIdle } from './useIdle';

type Sheet =
  | { kind: 'none' }
  | { kind: 'detail'; menuId: string }
  | { kind: 'orders' }
  | { kind: 'call' }
  | { kind: 'allergy' }
  | { kind: 'cart' }
  | { kind: 'qr' }
  | { kind: 'split'; orderId: string };

const NO_MENUS: MenuDto[] = [];
const CHECKOUT_KEY = 'hiorder.checkout';

/** The guest's screen: menu by category, cart, checkout, orders of the visit, call staff, the attract screen. */
export function MenuScreen({ session }: { session: StoredSession }) {
  const { t, locale, setLocale } = useLocale();
  const catalog = useCatalog();
  const cart = useCart();
  const visit = useVisit();
  const status = useSyncStatus();
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [sheet, setSheet] = useState<Sheet>({ kind: 'none' });
  const [checkoutId, setCheckoutIdState] = useState<string | null>(() => sessionStorage.getItem(CHECKOUT_KEY));
  const attract = useAttractScreen();
  const [idle, wake] = useIdle(attract.idleSeconds * 1000);
  const scroller = useRef<HTMLElement>(null);
  const [avoid, setAvoid] = useAvoidedAllergens();

  const setCheckoutId = (id: string | null) => {
    if (id) sessionStorage.setItem(CHECKOUT_KEY, id);
    else sessionStorage.removeItem(CHECKOUT_KEY);
    setCheckoutIdState(id);
  };

  const menus = useMemo(() => new Map<string, MenuDto>((catalog?.menus ?? []).map((m) => [m.id, m])), [catalog]);
  const lines = useMemo(() => cart ?? [], [cart]);
  const check = useMemo(
    () =>
      checkCart(
        lines,
        catalog?.menus ?? [],
        visit?.orders ?? [],
        (visit?.outbox ?? []).filter(isPending),
        locale,
        catalog?.optionGroups ?? [],
      ),
    [lines, catalog, visit, locale],
  );
  const cartIds = useMemo(() => new Set(lines.map((l) => l.menuId)), [lines]);
  // What the rules would still accept of each dish (one source: the domain's addableQty on the tablet's view of
  // the visit): the quick "+" buttons and the recommendation rows never offer what the cart would then refuse.
  const visitRules = useMemo(
    () => visitOnTablet(catalog?.menus ?? [], visit?.orders ?? [], (visit?.outbox ?? []).filter(isPending)),
    [catalog, visit],
  );
  const inCart = (menuId: string) => lines.filter((l) => l.menuId === menuId).reduce((n, l) => n + l.qty, 0);
  const addable = (menu: MenuDto) => addableQty(menu, visitRules, inCart(menu.id));
  const canAddOne = (menu: MenuDto) => addable(menu) !== 0;
  const recommended = useRecommendations(session.deviceToken, catalog?.menus ?? NO_MENUS, cartIds);
  // The guest's allergy filter (the domain's rule, on the catalog Dexie holds): what it sets aside is offered nowhere.
  const allergyFiltered = useMemo(() => filterByAllergens(catalog?.menus ?? NO_MENUS, avoid), [catalog, avoid]);
  const setAside = useMemo(() => new Set(allergyFiltered.setAside.map((m) => m.id)), [allergyFiltered]);
  const offered = (menu: MenuDto) => canAddOne(menu) && !setAside.has(menu.id);
  const popular = recommended.popular.filter(offered);
  const pairing = recommended.pairsWith.filter(offered);
  const popularIds = new Set(recommended.popular.map((m) => m.id));

  const categories = catalog?.categories ?? [];
  const activeCategory = categories.find((c) => c.id === categoryId) ?? categories[0];

  // Idle: the browsing state resets for the next guest; the cart (Dexie) and an open checkout stay. With the
  // owner's attract screen off nothing covers the menu, and the next quiet spell resets it again.
  useEffect(() => {
    if (!idle) return;
    setSheet({ kind: 'none' });
    setCategoryId(null);
    setAvoid([]);
    scroller.current?.scrollTo({ top: 0 });
    if (lines.length === 0 && (visit?.orders.length ?? 0) === 0) setLocale('ko');
    if (!attract.enabled) wake();
    // Only on the idle edge.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [idle]);

  const categoryMenus = allergyFiltered.shown.filter((m) => m.categoryId === activeCategory?.id);
  const categorySetAside = allergyFiltered.setAside.filter((m) => m.categoryId === activeCategory?.id).length;

  // What "read aloud" says: the category, then each dish with its price and whether it can be ordered.
  const categoryText = () =>
    [
      activeCategory ? localized(activeCategory.name, locale) : '',
      ...categoryMenus.map(
        (m) =>
          `${localized(m.name, locale)}, ${formatWon(m.price, locale)}${isOrderable(m) ? '' : `, ${t('soldOut')}`}. ${localized(m.description, locale)}`,
      ),
    ].join('. ');

  const selectCategory = (id: string) => {
    setCategoryId(id);
    scroller.current?.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const order = async () => {
    const row = await submitCart();
    if (row) {
      setSheet({ kind: 'none' });
      setCheckoutId(row.id);
    }
  };

  const count = lines.reduce((n, l) => n + l.qty, 0);
  const total = sumWon(lines.map((l) => cartLinePrice(l, menus) * l.qty));
  const detail = sheet.kind === 'detail' ? menus.get(sheet.menuId) : undefined;
  const openMenu = (menuId: string) => setSheet({ kind: 'detail', menuId });
  const waitingCount = (visit?.outbox ?? []).filter(isPending).length;
  // The badge counts orders the guest still has (waiting, unpaid, paid, cooking, served), not the ones that
  // expired or were cancelled.
  const orderCount = (visit?.orders ?? []).filter((o) => isHolding(o.status)).length + waitingCount;

  const cartPanel = (
    <CartPanel
      lines={lines}
      menus={menus}
      check={check}
      avoid={avoid}
      onOrder={() => void order()}
      addableOf={(menuId) => {
        const menu = menus.get(menuId);
        return menu ? addable(menu) : 0;
      }}
      // While the cart has something to fix, the fixing gets the room (and the guest's attention).
      footer={check.problems.length === 0 && <RecommendationRow compact title={t('goesWellWith')} menus={pairing} onOpen={openMenu} />}
    />
  );

  return (
    <div className="app" lang={locale}>
      <header className="topbar">
        <div className="brand">
          <img src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" className="brand-logo" />
          <div>
            <h1 className="brand-store">{session.store.name}</h1>
            <div className="brand-table">{session.table ? tableTitle(t, session.table.label) : ''}</div>
          </div>
        </div>
        <div className="topbar-actions">
          <button type="button" className="btn btn-top" onClick={() => setSheet({ kind: 'orders' })} data-testid="open-orders">
            {t('myOrders')}
            {orderCount > 0 && (
              <span className="pill" data-testid="orders-badge">
                {orderCount}
              </span>
            )}
          </button>
          {/* The visit's QR is the tablet's to show; a phone joined by it is already in. */}
          {!session.visitId && (
            <button type="button" className="btn btn-top" onClick={() => setSheet({ kind: 'qr' })} data-testid="open-split-qr">
              {t('splitByPhone')}
            </button>
          )}
          <button type="button" className="btn btn-top btn-call" onClick={() => setSheet({ kind: 'call' })}>
            <Icon name="bell" /> {t('callStaff')}
          </button>
          <AccessibilityButton className="btn btn-top" />
          <button
            type="button"
            className="btn btn-top btn-lang"
            onClick={() => setLocale(locale === 'ko' ? 'en' : 'ko')}
            data-testid="lang"
          >
            {t('language')}
          </button>
        </div>
      </header>
      <SyncBanner />
      {visit && <PaymentPrompt orders={visit.orders} outbox={visit.outbox} openCheckoutId={checkoutId} onOpenCheckout={setCheckoutId} />}
      <nav aria-label={t('categories')}>
        {/* A tablist as the ARIA pattern has it: one tab in the Tab order, arrows move between categories. */}
        <div
          className="tabs"
          role="tablist"
          aria-label={t('categories')}
          onKeyDown={(e) => {
            const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
            if (step === 0 || categories.length === 0) return;
            const at = categories.findIndex((c) => c.id === activeCategory?.id);
            const next = categories[(at + step + categories.length) % categories.length];
            if (!next) return;
            e.preventDefault();
            selectCategory(next.id);
            document.getElementById(`tab-${next.id}`)?.focus();
          }}
        >
          {categories.map((c) => (
            <button
              key={c.id}
              id={`tab-${c.id}`}
              type="button"
              role="tab"
              aria-selected={c.id === activeCategory?.id}
              aria-controls="menu-panel"
              tabIndex={c.id === activeCategory?.id ? 0 : -1}
              className={`tab${c.id === activeCategory?.id ? ' tab-on' : ''}`}
              onClick={() => selectCategory(c.id)}
            >
              {localized(c.name, locale)}
            </button>
          ))}
        </div>
      </nav>
      <div className="content">
        <main className="menu-scroll" ref={scroller}>
          {catalog === undefined ? (
            <p className="muted center pad">{t('loadingMenu')}</p>
          ) : categories.length === 0 ? (
            <p className="muted center pad">{status.connection === 'online' ? t('loadingMenu') : t('menuOfflineEmpty')}</p>
          ) : (
            <div role="tabpanel" id="menu-panel" aria-labelledby={activeCategory ? `tab-${activeCategory.id}` : undefined}>
              {activeCategory?.id === categories[0]?.id && <RecommendationRow title={t('popularNow')} menus={popular} onOpen={openMenu} />}
              <div className="section-head">
                <h2 className="section-title">{activeCategory ? localized(activeCategory.name, locale) : ''}</h2>
                <button
                  type="button"
                  className={`btn btn-small btn-allergy${avoid.length > 0 ? ' btn-allergy-on' : ''}`}
                  onClick={() => setSheet({ kind: 'allergy' })}
                  aria-haspopup="dialog"
                  data-testid="allergy-filter"
                >
                  {t('allergyFilter')}
                  {avoid.length > 0 && <span className="pill">{avoid.length}</span>}
                </button>
                {canSpeak() && (
                  <button
                    type="button"
                    className="btn btn-small btn-read"
                    onClick={() => speak(categoryText(), locale)}
                    data-testid="read-aloud"
                  >
                    {t('readAloud')}
                  </button>
                )}
              </div>
              {avoid.length > 0 && (
                <p className="allergy-bar" role="status" data-testid="allergy-bar">
                  <strong>{t('allergyActive', { list: avoid.map((a) => ALLERGENS[a][locale]).join(', ') })}</strong>
                  <span>
                    {t(allergyFiltered.setAside.length === 1 ? 'allergyHiddenOne' : 'allergyHidden', {
                      n: allergyFiltered.setAside.length,
                    })}
                  </span>
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setSheet({ kind: 'allergy' })}>
                    {t('allergyChange')}
                  </button>
                </p>
              )}
              {categoryMenus.length === 0 && categorySetAside > 0 && <p className="muted center pad">{t('allergyCategoryEmpty')}</p>}
              <div className="grid">
                {categoryMenus.map((m) => (
                  <MenuCard
                    key={m.id}
                    menu={m}
                    popular={popularIds.has(m.id)}
                    inCart={inCart(m.id)}
                    addable={addable(m)}
                    onOpen={() => openMenu(m.id)}
                  />
                ))}
              </div>
            </div>
          )}
        </main>
        <aside className="cart-aside">{cartPanel}</aside>
      </div>
      <footer className="cart-bar">
        <button type="button" className="cart-bar-btn" onClick={() => setSheet({ kind: 'cart' })} data-testid="cart-bar">
          <span className="cart-bar-count">{count}</span>
          <span>{t('viewCart')}</span>
          <strong>{formatWon(total, locale)}</strong>
        </button>
      </footer>

      {sheet.kind === 'cart' && (
        <Dialog label={t('cart')} onClose={() => setSheet({ kind: 'none' })}>
          <div className="sheet cart-sheet">
            {cartPanel}
            <button type="button" className="btn btn-ghost btn-block" onClick={() => setSheet({ kind: 'none' })}>
              {t('close')}
            </button>
          </div>
        </Dialog>
      )}
      {detail && <MenuDetailSheet menu={detail} addable={addable(detail)} avoid={avoid} onClose={() => setSheet({ kind: 'none' })} />}
      {sheet.kind === 'allergy' && <AllergenFilterSheet avoid={avoid} onChange={setAvoid} onClose={() => setSheet({ kind: 'none' })} />}
      {sheet.kind === 'orders' && (
        <OrdersSheet
          menus={menus}
          onClose={() => setSheet({ kind: 'none' })}
          onOpenCheckout={(id) => {
            setSheet({ kind: 'none' });
            setCheckoutId(id);
          }}
          onOpenSplit={(orderId) => setSheet({ kind: 'split', orderId })}
        />
      )}
      {sheet.kind === 'qr' && <SplitQrSheet token={session.deviceToken} onClose={() => setSheet({ kind: 'none' })} />}
      {sheet.kind === 'split' && (
        <SplitPayHost orderId={sheet.orderId} token={session.deviceToken} onClose={() => setSheet({ kind: 'orders' })} />
      )}
      {sheet.kind === 'call' && <StaffCallSheet onClose={() => setSheet({ kind: 'none' })} />}
      {checkoutId && (
        <Dialog label={t('checkoutTitle')} onClose={() => setCheckoutId(null)} className="checkout-host" testId="checkout">
          <CheckoutScreen outboxId={checkoutId} menus={menus} onSwitch={setCheckoutId} onClose={() => setCheckoutId(null)} />
        </Dialog>
      )}
      {idle && attract.enabled && (
        <Dialog
          label={attractText(attract.title, locale) || t('idleTitle')}
          onClose={wake}
          className="checkout-host"
          testId="attract"
          accessibility={false}
        >
          <AttractScreen screen={attract} menus={menus} storeName={session.store.name} onWake={wake} />
        </Dialog>
      )}
    </div>
  );
}
