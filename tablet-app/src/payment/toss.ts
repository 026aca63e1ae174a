import { z } from 'zod';

/**
 * Toss Payments' v1 payment window, used when the server is set up with a Toss client key. The guest pays in
 * Toss's window, which returns to the tablet with `paymentKey`, `orderId` and `amount` in the URL; the tablet
 * then sends `{ orderId, paymentKey }` like the sandbox sheet does, and the server confirms against its own
 * order and amount (never the URL's).
 */
interface TossPaymentsClient {
  requestPayment(
    method: '카드',
    params: { amount: number; orderId: string; orderName: string; successUrl: string; failUrl: string },
  ): Promise<void>;
}

declare global {
  interface Window {
    TossPayments?: (clientKey: string) => TossPaymentsClient;
  }
}

const SDK_URL = 'https://js.tosspayments.com/v1/payment';

function loadSdk(): Promise<NonNullable<Window['TossPayments']>> {
  if (window.TossPayments) return Promise.resolve(window.TossPayments);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SDK_URL;
    script.onload = () => (window.TossPayments ? resolve(window.TossPayments) : reject(new Error('Toss SDK did not load')));
    script.onerror = () => reject(new Error('Toss SDK could not be downloaded'));
    document.head.appendChild(script);
  });
}

export async function openTossPayment(clientKey: string, order: { id: string; total: number }, orderName: string): Promise<void> {
  const toss = (await loadSdk())(clientKey);
  const back = `${window.location.origin}${import.meta.env.BASE_URL}`;
  await toss.requestPayment('카드', {
    amount: order.total,
    orderId: order.id,
    orderName: orderName.slice(0, 100),
    successUrl: `${back}?toss=success`,
    failUrl: `${back}?toss=fail`,
  });
}

const TossSuccessSchema = z.object({ toss: z.literal('success'), paymentKey: z.string().min(1).max(200), orderId: z.string().uuid() });
const TossFailSchema = z.object({ toss: z.literal('fail'), orderId: z.string().optional(), message: z.string().optional() });

export type TossReturn =
  { kind: 'success'; orderId: string; paymentKey: string } | { kind: 'fail'; orderId: string | null; message: string };

/** What Toss's window came back with (`?toss=success&paymentKey=…&orderId=…` or `?toss=fail&code=…`), or null. */
export function readTossReturn(search: string): TossReturn | null {
  const params = Object.fromEntries(new URLSearchParams(search));
  const ok = TossSuccessSchema.safeParse(params);
  if (ok.success) return { kind: 'success', orderId: ok.data.orderId, paymentKey: ok.data.paymentKey };
  const fail = TossFailSchema.safeParse(params);
  if (fail.success) return { kind: 'fail', orderId: fail.data.orderId ?? null, message: fail.data.message ?? '' };
  return null;
}

/** Removes Toss's parameters from the address bar, so a reload does not pay twice. */
export function clearTossReturn(): void {
  const url = new URL(window.location.href);
  for (const key of ['toss', 'paymentKey', 'orderId', 'amount', 'code', 'message', 'paymentType']) url.searchParams.delete(key);
  window.history.replaceState(null, '', url.pathname + url.search);
}
