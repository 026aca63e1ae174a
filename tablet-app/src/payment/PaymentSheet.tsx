import { SANDBOX_CARDS, type SandboxCardBehaviour } from '@hiorder/domain/payment/payment.schemas';
import { formatWon } from '@hiorder/domain/shared/money';
import { useState } from 'react';
import { useLocale } from '../ui/i18n';

const CARD_LABELS: Record<SandboxCardBehaviour, { ko: string; en: string }> = {
  approve: { ko: '승인', en: 'Approve' },
  decline: { ko: '거절', en: 'Decline' },
  insufficientFunds: { ko: '잔액 부족', en: 'Insufficient funds' },
  timeout: { ko: '응답 없음', en: 'Timeout' },
  late: { ko: '늦은 승인', en: 'Late approval' },
  providerError: { ko: '결제사 오류', en: 'Provider error' },
};

/** The sandbox stand-in for the provider's widget: a card number and buttons that fill the sandbox's test cards. */
export function PaymentSheet({
  amount,
  busy,
  onPay,
  onLater,
}: {
  amount: number;
  busy: boolean;
  onPay: (cardNumber: string) => void;
  onLater: () => void;
}) {
  const { t, locale } = useLocale();
  const [card, setCard] = useState('');
  const digits = card.replace(/\D/g, '');
  const valid = /^\d{12,19}$/.test(digits);
  return (
    <div className="pay" data-testid="payment-sheet">
      <h2>{t('payTitle')}</h2>
      <div className="pay-amount">
        <span>{t('payAmount')}</span>
        <strong>{formatWon(amount, locale)}</strong>
      </div>
      <label className="field">
        <span>{t('cardNumber')}</span>
        <input
          name="cardNumber"
          inputMode="numeric"
          autoComplete="off"
          value={card.replace(/(\d{4})(?=\d)/g, '$1 ')}
          onChange={(e) => setCard(e.target.value.replace(/\D/g, '').slice(0, 19))}
          placeholder="0000 0000 0000 0000"
        />
      </label>
      <p className="muted small">{t('testCards')}</p>
      <div className="test-cards">
        {(Object.keys(SANDBOX_CARDS) as SandboxCardBehaviour[]).map((k) => (
          <button
            key={k}
            type="button"
            className={`chip${digits === SANDBOX_CARDS[k] ? ' chip-on' : ''}`}
            data-card={k}
            onClick={() => setCard(SANDBOX_CARDS[k])}
          >
            {CARD_LABELS[k][locale]} ·{SANDBOX_CARDS[k].slice(-4)}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn-primary btn-block btn-big" disabled={!valid || busy} onClick={() => onPay(digits)}>
        {busy ? t('paying') : t('payButton', { amount: formatWon(amount, locale) })}
      </button>
      <p className="muted small center">{t('sandboxNote')}</p>
      <button type="button" className="btn btn-ghost btn-block" onClick={onLater} disabled={busy}>
        {t('payLater')}
      </button>
    </div>
  );
}
