import { equalPartAmount, BillSplitDtoSchema, type BillSplitDto, type ShareSpec } from '@hiorder/domain/payment/bill-split';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { newId } from '@hiorder/domain/shared/ids';
import { formatWon } from '@hiorder/domain/shared/money';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { ApiError, apiFetch } from '../../sync/api';
import { Dialog } from '../../ui/Dialog';
import { useLocale, type StringKey } from '../../ui/i18n';
import { loadPaymentConfig } from '../pay';
import { PaymentSheet } from '../PaymentSheet';

const PARTS = [2, 3, 4, 5, 6] as const;
const HELD = new Set(['confirming', 'unknown', 'done']);
const REFUSALS = new Set<string>(['SHARE_ALREADY_PAID', 'SHARE_EXCEEDS_REMAINING', 'SHARE_AMOUNT_CHANGED']);

/** The first part of N nobody holds yet, or null when all are taken. */
function freePart(split: BillSplitDto, parts: number): number | null {
  const held = new Set(split.shares.filter((s) => HELD.has(s.status)).flatMap((s) => s.claims));
  for (let i = 0; i < parts; i++) if (!held.has(`part:${parts}:${i}`)) return i;
  return null;
}

type Pay = { kind: 'choose' } | { kind: 'paying' } | { kind: 'done' } | { kind: 'failed'; message: string };

/**
 * A guest pays a share of an unpaid order from the phone (or the tablet): one of N equal parts (the first part still
 * free) or all that is left. The card is authorised with the provider for the share's own id, then the server checks
 * and reserves the share against the total before charging (`POST /api/orders/:id/shares`). The order goes to the
 * kitchen only when the shares cover it.
 */
export function SplitPaySheet({ order, token, onClose }: { order: OrderDto; token: string; onClose: () => void }) {
  const { t, locale } = useLocale();
  const [split, setSplit] = useState<BillSplitDto | null>(null);
  const [choice, setChoice] = useState<ShareSpec | null>(null);
  const [pay, setPay] = useState<Pay>({ kind: 'choose' });
  const reload = useCallback(async () => {
    try {
      setSplit(BillSplitDtoSchema.parse(await apiFetch(`/api/orders/${order.id}/split`, { token })));
    } catch (err) {
      setPay({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }, [order.id, token]);
  // Read again whenever the order moves (another phone's share arrives as `order:updated`).
  useEffect(() => void reload(), [reload, order.revision]);

  if (!split) return null;
  const amountOf = (spec: ShareSpec): number =>
    spec.kind === 'equal' ? equalPartAmount(split.total, spec.parts, spec.index) : spec.kind === 'rest' ? split.remaining : 0;
  const fullyPaid = split.paid >= split.total;

  const attempt = async (cardNumber: string) => {
    if (!choice) return;
    setPay({ kind: 'paying' });
    const shareId = newId();
    const amount = amountOf(choice);
    try {
      const cfg = await loadPaymentConfig();
      if (!cfg.sandboxUrl) throw new Error('the sandbox sheet only works with the sandbox provider');
      const authorised = z.object({ paymentKey: z.string() }).parse(
        await apiFetch(`${cfg.sandboxUrl.replace(/\/$/, '')}/v1/sandbox/authorize`, {
          method: 'POST',
          absolute: true,
          body: { orderId: shareId, amount, orderName: `#${order.shortCode}`, cardNumber },
        }),
      );
      const next = BillSplitDtoSchema.parse(
        await apiFetch(`/api/orders/${order.id}/shares`, {
          method: 'POST',
          token,
          body: { shareId, spec: choice, amount, paymentKey: authorised.paymentKey },
          timeoutMs: 30_000,
        }),
      );
      setSplit(next);
      setChoice(null);
      setPay({ kind: 'done' });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setChoice(null);
      setPay({ kind: 'failed', message: REFUSALS.has(code) ? t(code as StringKey) : err instanceof Error ? err.message : String(err) });
      void reload();
    }
  };

  return (
    <Dialog label={t('splitTitle', { code: order.shortCode })} onClose={onClose} testId="split-pay">
      <div className="sheet split-pay">
        <div className="sheet-head">
          <h2>{t('splitTitle', { code: order.shortCode })}</h2>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('close')}
          </button>
        </div>
        <div className="split-progress" data-testid="split-progress" aria-live="polite">
          <progress max={split.total} value={split.paid} />
          <p>
            {t('splitPaid', { paid: formatWon(split.paid, locale), total: formatWon(split.total, locale) })}
            {split.inFlight > 0 && ` · ${t('splitInFlight', { amount: formatWon(split.inFlight, locale) })}`}
          </p>
          <p className="split-remaining">
            {fullyPaid ? t('splitAllPaid') : t('splitRemaining', { amount: formatWon(split.remaining, locale) })}
          </p>
        </div>
        {pay.kind === 'done' && (
          <p className="success-text" role="status" data-testid="split-share-done">
            {fullyPaid ? t('splitAllPaid') : t('splitShareDone', { amount: formatWon(split.remaining, locale) })}
          </p>
        )}
        {pay.kind === 'failed' && (
          <p className="error-text" role="alert">
            {pay.message}
          </p>
        )}
        {!fullyPaid && !choice && (
          <div className="split-choices">
            {PARTS.map((n) => {
              const index = freePart(split, n);
              const amount = index === null ? 0 : equalPartAmount(split.total, n, index);
              const disabled = index === null || amount > split.remaining;
              return (
                <button
                  key={n}
                  type="button"
                  className="btn btn-big split-choice"
                  disabled={disabled}
                  data-parts={n}
                  onClick={() => index !== null && setChoice({ kind: 'equal', parts: n, index })}
                >
                  <span>{t('splitParts', { n })}</span>
                  <strong>{disabled ? t('splitNothingLeft') : formatWon(amount, locale)}</strong>
                </button>
              );
            })}
            <button
              type="button"
              className="btn btn-big split-choice"
              disabled={split.remaining === 0}
              data-parts="rest"
              onClick={() => setChoice({ kind: 'rest' })}
            >
              <span>{t('splitRest')}</span>
              <strong>{formatWon(split.remaining, locale)}</strong>
            </button>
          </div>
        )}
        {choice && (
          <>
            <p className="split-yours">{t('splitYourShare', { amount: formatWon(amountOf(choice), locale) })}</p>
            <PaymentSheet
              amount={amountOf(choice)}
              busy={pay.kind === 'paying'}
              onPay={(card) => void attempt(card)}
              onLater={() => setChoice(null)}
            />
          </>
        )}
      </div>
    </Dialog>
  );
}
