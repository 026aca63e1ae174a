import type { MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { describeViolation, RuleErrorDetailsSchema, RuleViolationSchema, type RuleViolation } from '@hiorder/domain/ordering/order-rules';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { ErrorBody } from '@hiorder/domain/shared/errors';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon } from '@hiorder/domain/shared/money';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useReducer, useState } from 'react';
import { db } from '../db/db';
import { chooseCounter, confirmPayment, loadPaymentConfig, payOrder } from '../payment/pay';
import { clearTossReturn, openTossPayment, readTossReturn } from '../payment/toss';
import type { PaymentConfigDto } from '@hiorder/domain/payment/payment.schemas';
import { PaymentSheet } from '../payment/PaymentSheet';
import { formatLeft } from '../payment/PaymentPrompt';
import { expiresSoon } from '@hiorder/domain/ordering/order-lifecycle';
import { useSyncStatus } from '../sync/status';
import { Icon, type IconName } from '../ui/Icon';
import { useLocale, type Translate } from '../ui/i18n';
import { useNow } from '../ui/useNow';
import { backToCart, placeAgain } from './actions';
import { CancelNote } from './CancelNote';
import { checkoutScreen, checkoutTransition, initialCheckout } from './checkout-machine';

/** Which lines a refusal is about, in the guest's language, from the violations the server sent back. */
export function explainRefusal(error: ErrorBody, menus: ReadonlyMap<string, MenuDto>, locale: 'ko' | 'en'): string[] {
  const details = RuleErrorDetailsSchema.safeParse(error.details);
  const list: RuleViolation[] = details.success ? details.data.violations : [];
  if (list.length === 0) {
    const single = RuleViolationSchema.safeParse(error.details);
    if (single.success) list.push(single.data);
  }
  if (list.length === 0) return [error.message];
  return list.map((v) => {
    const menu = menus.get(v.menuId);
    return describeViolation(v, menu ? localized(menu.name, locale) : v.menuId, locale);
  });
}

/**
 * From "order" to "paid": follows the outbox row (queued, busy, refused, placed) and then the order and the
 * payment attempt. Every answer has its own screen; nothing is called paid before the server says so. Which screen
 * and every move of the attempt are `checkout-machine.ts`; this component renders them and runs the effects
 * (the payment calls, Toss's return) whose answers it dispatches.
 */
export function CheckoutScreen({
  outboxId,
  menus,
  onSwitch,
  onClose,
}: {
  outboxId: string;
  menus: ReadonlyMap<string, MenuDto>;
  onSwitch: (id: string) => void;
  onClose: () => void;
}) {
  const { t, locale } = useLocale();
  const status = useSyncStatus();
  const data = useLiveQuery(async () => {
    const row = await db.outbox.get(outboxId);
    const order = row?.orderId ? await db.orders.get(row.orderId) : undefined;
    return { row: row ?? null, order: order ?? null };
  }, [outboxId]);
  const [state, dispatch] = useReducer(checkoutTransition, initialCheckout);
  const [config, setConfig] = useState<PaymentConfigDto | null>(null);
  useEffect(() => dispatch({ type: 'reset' }), [outboxId]);
  useEffect(() => {
    void loadPaymentConfig().then(setConfig, () => undefined);
  }, []);
  // Back from Toss's payment window: confirm what it authorised (once: the URL is cleaned first).
  const orderId = data?.order?.id ?? null;
  useEffect(() => {
    const back = readTossReturn(window.location.search);
    if (!back || !orderId || (back.orderId !== null && back.orderId !== orderId)) return;
    clearTossReturn();
    if (back.kind === 'fail') {
      dispatch({ type: 'toss_returned', result: { kind: 'fail', message: back.message } });
      return;
    }
    dispatch({ type: 'toss_returned', result: { kind: 'success' } });
    void confirmPayment(back.orderId, back.paymentKey).then((outcome) => dispatch({ type: 'pay_answered', outcome, now: Date.now() }));
  }, [orderId]);

  const now = useNow(data?.row?.state === 'busy' || state.pay.kind === 'unavailable' || state.pay.kind === 'busy');

  if (!data) return null;
  const view = checkoutScreen({ ...data, online: status.connection === 'online', state, now });
  const close = <Close t={t} onClose={onClose} />;
  const retry = () => dispatch({ type: 'retry', now: Date.now() });

  switch (view.screen) {
    case 'gone':
      return (
        <Screen tone="info" title={t('backToMenu')}>
          <button type="button" className="btn btn-primary btn-big" onClick={onClose}>
            {t('backToMenu')}
          </button>
        </Screen>
      );
    case 'queue_busy':
      return (
        <Screen tone="wait" title={t('busyTitle')} testId="checkout-busy">
          <div className="countdown" aria-live="polite">
            {view.seconds}
          </div>
          <p>{t('busyBody', { s: view.seconds })}</p>
          <NotPaid t={t} />
          {close}
        </Screen>
      );
    case 'queued_offline':
      return (
        <Screen tone="offline" title={t('queuedTitle')} testId="checkout-offline">
          <p>{t('queuedOffline')}</p>
          <NotPaid t={t} />
          {close}
        </Screen>
      );
    case 'sending':
      return (
        <Screen tone="wait" title={t('sending')} testId="checkout-sending">
          <div className="spinner" />
          {close}
        </Screen>
      );
    case 'rejected': {
      const { row } = view;
      const reasons = row.lastError ? explainRefusal(row.lastError, menus, locale) : [];
      return (
        <Screen tone="error" title={t('rejectedTitle')} testId="checkout-rejected">
          <ul className="reasons">
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <button type="button" className="btn btn-primary btn-big" onClick={() => void backToCart(row.input.lines, row.id).then(onClose)}>
            {t('backToCart')}
          </button>
        </Screen>
      );
    }
    case 'waiting_order':
      return (
        <Screen tone="wait" title={t('sending')}>
          <div className="spinner" />
          {close}
        </Screen>
      );
    case 'paid':
      return (
        <Screen tone="ok" title={t('paidTitle')} testId="checkout-paid">
          <p className="big-code">{t('paidBody', { code: `#${view.order.shortCode}` })}</p>
          <OrderLines order={view.order} />
          <button type="button" className="btn btn-primary btn-big" onClick={onClose}>
            {t('backToMenu')}
          </button>
        </Screen>
      );
    case 'order_declined':
      return <Declined t={t} order={view.order} onSwitch={onSwitch} onClose={onClose} />;
    case 'expired':
    case 'cancelled': {
      const { order } = view;
      return (
        <Screen tone="error" title={view.screen === 'expired' ? t('expiredTitle') : t('cancelledTitle')} testId={`checkout-${view.screen}`}>
          {view.screen === 'expired' && <p>{t('expiredBody')}</p>}
          <CancelNote order={order} />
          <button type="button" className="btn btn-primary btn-big" onClick={() => void backToCart(order.lines).then(onClose)}>
            {t('backToCart')}
          </button>
          {close}
        </Screen>
      );
    }
    case 'counter':
      return (
        <Screen tone="info" title={t('counterTitle')} testId="checkout-counter">
          <p className="big-code">{t('counterBody', { code: view.order.shortCode })}</p>
          <OrderLines order={view.order} />
          <p>{t('counterNote')}</p>
          <button type="button" className="btn btn-primary btn-big" onClick={onClose}>
            {t('backToMenu')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => dispatch({ type: 'card_instead' })}>
            {t('payHereInstead')}
          </button>
        </Screen>
      );
    case 'form': {
      const { order, paying } = view;
      const orderName = order.lines.map((l) => localized(l.name, locale)).join(', ');
      const attempt = (card: string) => {
        dispatch({ type: 'pay_started' });
        void payOrder(order, card, orderName).then((outcome) => dispatch({ type: 'pay_answered', outcome, now: Date.now() }));
      };
      const counter = () => {
        dispatch({ type: 'pay_started' });
        void chooseCounter(order.id).then((result) => dispatch({ type: 'counter_answered', result }));
      };
      const counterButton = (
        <button
          type="button"
          className="btn btn-secondary btn-block btn-big"
          data-testid="pay-at-counter"
          disabled={paying}
          onClick={counter}
        >
          {t('payAtCounter')}
        </button>
      );
      return (
        <div className="checkout">
          <div className="checkout-panel">
            <OrderLines order={order} />
            <ExpiryNote expiresAt={order.expiresAt} />
            {status.connection === 'offline' && <p className="warn-text">{t('payOffline')}</p>}
            {config?.provider === 'toss' && config.clientKey ? (
              <div className="pay">
                <button
                  type="button"
                  className="btn btn-primary btn-block btn-big"
                  disabled={paying}
                  onClick={() => {
                    dispatch({ type: 'pay_started' });
                    openTossPayment(config.clientKey ?? '', order, orderName).catch((err: unknown) =>
                      dispatch({ type: 'toss_failed', message: err instanceof Error ? err.message : String(err) }),
                    );
                  }}
                >
                  {t('payButton', { amount: formatWon(order.total, locale) })}
                </button>
                {counterButton}
                <button type="button" className="btn btn-ghost btn-block" onClick={onClose}>
                  {t('payLater')}
                </button>
              </div>
            ) : (
              <div>
                <PaymentSheet amount={order.total} busy={paying} onPay={attempt} onLater={onClose} />
                {counterButton}
              </div>
            )}
          </div>
        </div>
      );
    }
    case 'none':
      return null;
    case 'declined':
      return (
        <Screen tone="error" title={t('declinedTitle')} testId="checkout-declined">
          <p>{t('declinedBody')}</p>
          <ExpiryNote expiresAt={view.order.expiresAt} />
          <button type="button" className="btn btn-primary btn-big" data-testid="pay-again" onClick={retry}>
            {t('payAgain')}
          </button>
          {close}
        </Screen>
      );
    case 'pending':
      return (
        <Screen tone="wait" title={t('pendingTitle')} testId="checkout-pending">
          <div className="spinner" />
          <p>{t('pendingBody')}</p>
          {close}
        </Screen>
      );
    case 'unavailable':
      return (
        <Screen tone="wait" title={view.busy ? t('busyTitle') : t('unavailableTitle')} testId="checkout-unavailable">
          <div className="countdown">{view.seconds}</div>
          <p>{t('unavailableBody', { s: view.seconds })}</p>
          <button type="button" className="btn btn-primary btn-big" disabled={view.seconds > 0} onClick={retry}>
            {t('tryAgain')}
          </button>
          {close}
        </Screen>
      );
    case 'pay_offline':
      return (
        <Screen tone="offline" title={t('notPaidYet')} testId="checkout-pay-offline">
          <p>{t('payOffline')}</p>
          <button type="button" className="btn btn-primary btn-big" onClick={retry}>
            {t('tryAgain')}
          </button>
          {close}
        </Screen>
      );
    case 'error':
      return (
        <Screen tone="error" title={t('payError')}>
          <p>{view.message}</p>
          <button type="button" className="btn btn-primary btn-big" onClick={retry}>
            {t('tryAgain')}
          </button>
          {close}
        </Screen>
      );
  }
}

function Declined({ t, order, onSwitch, onClose }: { t: Translate; order: OrderDto; onSwitch: (id: string) => void; onClose: () => void }) {
  return (
    <Screen tone="error" title={t('declinedTitle')} testId="checkout-declined">
      <p>{t('declinedBody')}</p>
      <button type="button" className="btn btn-primary btn-big" onClick={() => void placeAgain(order).then((r) => onSwitch(r.id))}>
        {t('tryAnotherCard')}
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => void backToCart(order.lines).then(onClose)}>
        {t('backToCart')}
      </button>
    </Screen>
  );
}

/** The time left to pay, shown while an order waits for payment; a warning in its last minutes. */
function ExpiryNote({ expiresAt }: { expiresAt: string }) {
  const { t } = useLocale();
  const now = useNow(true, 1000);
  const left = Date.parse(expiresAt) - now;
  if (left <= 0) return null;
  const soon = expiresSoon({ status: 'pending_payment', expiresAt }, now);
  return (
    <p className={soon ? 'warn-text expiry-note' : 'muted expiry-note'} data-testid="expiry-note" data-soon={soon}>
      {t('payWithin', { time: formatLeft(left) })}
    </p>
  );
}

function OrderLines({ order }: { order: OrderDto }) {
  const { locale, t } = useLocale();
  return (
    <div className="order-lines">
      <ul>
        {order.lines.map((l, i) => (
          <li key={i}>
            <span>
              {localized(l.name, locale)}
              {l.options.length > 0 && ` (${l.options.map((o) => localized(o.name, locale)).join(', ')})`} × {l.qty}
            </span>
            <span>{formatWon(l.lineTotal, locale)}</span>
          </li>
        ))}
      </ul>
      <div className="order-lines-total">
        <span>{t('total')}</span>
        <strong>{formatWon(order.total, locale)}</strong>
      </div>
    </div>
  );
}

function NotPaid({ t }: { t: Translate }) {
  return <p className="not-paid">{t('notPaidYet')}</p>;
}

function Close({ t, onClose }: { t: Translate; onClose: () => void }) {
  return (
    <button type="button" className="btn btn-ghost" onClick={onClose}>
      {t('backToMenu')}
    </button>
  );
}

const TONE_ICON: Record<'ok' | 'error' | 'wait' | 'offline' | 'info', IconName> = {
  ok: 'check',
  error: 'alert',
  wait: 'hourglass',
  offline: 'offline',
  info: 'info',
};

function Screen({
  tone,
  title,
  children,
  testId,
}: {
  tone: 'ok' | 'error' | 'wait' | 'offline' | 'info';
  title: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <div className="checkout">
      <div className={`checkout-panel result result-${tone}`} data-testid={testId} role="status">
        <div className={`result-icon result-icon-${tone}`} aria-hidden="true">
          <Icon name={TONE_ICON[tone]} size={48} />
        </div>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
