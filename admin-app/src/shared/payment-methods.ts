import { PaymentMethodSchema, type PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import type { MessageKey, Translate } from './i18n';

/**
 * How the bill, the history and the daily close name a payment method. Kept out of the lazily loaded screens: the
 * board's bill dialog needs it too, and importing it from the history screen pulled that screen into the board.
 */
export const METHOD_LABEL: Record<PaymentMethod, MessageKey> = {
  easy_pay: 'methodEasyPay',
  cash: 'methodCash',
  card_terminal: 'methodCard',
  other: 'methodOther',
};

/** A method's label; an unknown one (a newer server) as it came. */
export function methodLabel(t: Translate, method: string): string {
  const known = PaymentMethodSchema.safeParse(method);
  return known.success ? t(METHOD_LABEL[known.data]) : method;
}
