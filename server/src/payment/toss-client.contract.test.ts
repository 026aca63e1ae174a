import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@hiorder/core/logger';
import { PaymentGateway, TossPaymentsClient } from '@hiorder/core/payment';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * Contract tests of the real Toss v1 client (`TossPaymentsClient`, behind the `PaymentGateway` that classifies its
 * answers) against a local HTTP server that checks each request against Toss's documentation and answers with the
 * documented bodies (docs.tosspayments.com: reference/using-api/authorization, guides/apis/cancel-payment,
 * reference/error-codes; reference/reliability.md §1). This is the path a store with a real secret key takes; the
 * sandbox is not involved.
 */

/** The public test key of Toss's documentation, and the Authorization header its curl examples show for it. */
const DOC_TEST_KEY = 'test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R';
const DOC_AUTHORIZATION = 'Basic dGVzdF9za196WExrS0V5cE5BcldtbzUwblgzbG1lYXhZRzVSOg==';

const PAYMENT_KEY = '5zJ4xY7m0kODnyRpQWGrN2xqGlNvLrKwv1M9ENjbeoPaZdL6';
const ORDER_ID = '0190b7a0-0000-7000-8000-00000000c0de';

/** The documented Payment object (the parts every answer shares), as the confirm and lookup answers carry it. */
function documentedPayment(overrides: Record<string, unknown> = {}) {
  return {
    mId: 'tosspayments',
    lastTransactionKey: '9C62B18EEF0DE3EB7F4422EB6D14BC6E',
    paymentKey: PAYMENT_KEY,
    orderId: ORDER_ID,
    orderName: '불고기 외 1건',
    taxExemptionAmount: 0,
    status: 'DONE',
    requestedAt: '2024-02-13T12:17:57+09:00',
    approvedAt: '2024-02-13T12:18:14+09:00',
    useEscrow: false,
    cultureExpense: false,
    card: {
      issuerCode: '71',
      acquirerCode: '71',
      number: '12345678****000*',
      installmentPlanMonths: 0,
      isInterestFree: false,
      approveNo: '00000000',
      cardType: '신용',
      ownerType: '개인',
      acquireStatus: 'READY',
      amount: 17000,
    },
    virtualAccount: null,
    transfer: null,
    mobilePhone: null,
    giftCertificate: null,
    cashReceipt: null,
    cashReceipts: null,
    discount: null,
    cancels: null,
    secret: null,
    type: 'NORMAL',
    easyPay: null,
    country: 'KR',
    failure: null,
    isPartialCancelable: true,
    receipt: { url: 'https://dashboard.tosspayments.com/receipt/redirection?transactionId=tviva20240213121757MvuS8&ref=PX' },
    checkout: { url: 'https://api.tosspayments.com/v1/payments/5zJ4xY7m0kODnyRpQWGrN2xqGlNvLrKwv1M9ENjbeoPaZdL6/checkout' },
    currency: 'KRW',
    totalAmount: 17000,
    balanceAmount: 17000,
    suppliedAmount: 15455,
    vat: 1545,
    taxFreeAmount: 0,
    method: '카드',
    version: '2022-11-16',
    ...overrides,
  };
}

const cancelEntry = (cancelAmount: number, refundableAmount: number, cancelReason: string) => ({
  transactionKey: '090A796806E726BBB929F4A2CA7DB9A7',
  cancelReason,
  taxExemptionAmount: 0,
  canceledAt: '2024-02-13T12:20:23+09:00',
  easyPayDiscountAmount: 0,
  receiptKey: null,
  cancelAmount,
  taxFreeAmount: 0,
  refundableAmount,
  cancelStatus: 'DONE',
  cancelRequestId: null,
});

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What the double answers next, by route; every request is recorded for the assertions. */
let next: { status: number; body: unknown } = { status: 500, body: null };
const seen: Seen[] = [];

describe('TossPaymentsClient against Toss v1 as documented', () => {
  let server: Server;
  let gateway: PaymentGateway;
  let client: TossPaymentsClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        seen.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: text ? (JSON.parse(text) as unknown) : undefined,
        });
        // Toss refuses a request without the secret key before anything else.
        if (req.headers.authorization !== DOC_AUTHORIZATION) {
          res
            .writeHead(401, { 'content-type': 'application/json' })
            .end(JSON.stringify({ code: 'UNAUTHORIZED_KEY', message: '인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.' }));
          return;
        }
        res.writeHead(next.status, { 'content-type': 'application/json' }).end(JSON.stringify(next.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    client = new TossPaymentsClient(base, DOC_TEST_KEY);
    gateway = new PaymentGateway(client, { timeoutMs: 5000, breakerFailures: 1000, halfOpenAfterMs: 1000 }, createLogger('silent'));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  const answer = (status: number, body: unknown) => {
    next = { status, body };
  };
  const only = (): Seen => {
    expect(seen).toHaveLength(1);
    return seen[0] as Seen;
  };

  describe('confirm (POST /v1/payments/confirm)', () => {
    const confirm = () =>
      gateway.confirm({ paymentKey: PAYMENT_KEY, orderId: ORDER_ID, amount: 17000 }, `confirm:${ORDER_ID}:${PAYMENT_KEY}`);

    it('sends the documented request: Basic auth of "secretKey:", JSON {paymentKey, orderId, amount}, an Idempotency-Key', async () => {
      answer(200, documentedPayment());
      await confirm();
      const request = only();
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/v1/payments/confirm');
      expect(request.headers.authorization).toBe(DOC_AUTHORIZATION);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['idempotency-key']).toBe(`confirm:${ORDER_ID}:${PAYMENT_KEY}`);
      expect((request.headers['idempotency-key'] as string).length).toBeLessThanOrEqual(300);
      expect(request.body).toEqual({ paymentKey: PAYMENT_KEY, orderId: ORDER_ID, amount: 17000 });
    });

    it('reads the documented Payment object of an approval as approved, with its status and amount', async () => {
      answer(200, documentedPayment());
      const outcome = await confirm();
      expect(outcome).toMatchObject({
        kind: 'approved',
        payment: { paymentKey: PAYMENT_KEY, orderId: ORDER_ID, status: 'DONE', totalAmount: 17000 },
      });
    });

    it('reads 400 ALREADY_PROCESSED_PAYMENT as "look it up", never as a failure', async () => {
      answer(400, { code: 'ALREADY_PROCESSED_PAYMENT', message: '이미 처리된 결제 입니다.' });
      expect(await confirm()).toEqual({ kind: 'already_processed' });
    });

    it('reads 404 NOT_FOUND_PAYMENT_SESSION (the session expired) as a declined attempt', async () => {
      answer(404, { code: 'NOT_FOUND_PAYMENT_SESSION', message: '결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.' });
      expect(await confirm()).toMatchObject({ kind: 'declined', code: 'NOT_FOUND_PAYMENT_SESSION' });
    });

    it('reads 403 REJECT_CARD_COMPANY (the issuer refused) as a declined attempt', async () => {
      answer(403, { code: 'REJECT_CARD_COMPANY', message: '결제 승인이 거절되었습니다.' });
      expect(await confirm()).toMatchObject({ kind: 'declined', code: 'REJECT_CARD_COMPANY', message: '결제 승인이 거절되었습니다.' });
    });

    it('reads 400 PROVIDER_ERROR (temporary) as unknown, never declined', async () => {
      answer(400, { code: 'PROVIDER_ERROR', message: '일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요.' });
      expect(await confirm()).toMatchObject({ kind: 'unknown', httpStatus: 400 });
    });

    it('reads 500 FAILED_INTERNAL_SYSTEM_PROCESSING as unknown, never declined', async () => {
      answer(500, {
        code: 'FAILED_INTERNAL_SYSTEM_PROCESSING',
        message: '내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요.',
      });
      expect((await confirm()).kind).toBe('unknown');
    });

    it('reads 409 IDEMPOTENT_REQUEST_PROCESSING (the first request still runs) as unknown', async () => {
      answer(409, { code: 'IDEMPOTENT_REQUEST_PROCESSING', message: '이전 요청이 처리중 입니다.' });
      expect((await confirm()).kind).toBe('unknown');
    });
  });

  describe('cancel (POST /v1/payments/{paymentKey}/cancel)', () => {
    it('cancels in full with {cancelReason} only — no cancelAmount means everything', async () => {
      answer(200, documentedPayment({ status: 'CANCELED', balanceAmount: 0, cancels: [cancelEntry(17000, 0, '고객이 취소를 원함')] }));
      expect(await gateway.cancel(PAYMENT_KEY, '고객이 취소를 원함', `cancel:${ORDER_ID}`)).toEqual({ kind: 'ok' });
      const request = only();
      expect([request.method, request.path]).toEqual(['POST', `/v1/payments/${PAYMENT_KEY}/cancel`]);
      expect(request.headers['idempotency-key']).toBe(`cancel:${ORDER_ID}`);
      expect(request.body).toEqual({ cancelReason: '고객이 취소를 원함' });
    });

    it('cancels part of a payment with cancelAmount; the answer is PARTIAL_CANCELED with the refundable rest', async () => {
      answer(
        200,
        documentedPayment({ status: 'PARTIAL_CANCELED', balanceAmount: 15000, cancels: [cancelEntry(2000, 15000, '콜라 취소')] }),
      );
      expect(await gateway.cancel(PAYMENT_KEY, '콜라 취소', `cancel:${ORDER_ID}:1`, 2000)).toEqual({ kind: 'ok' });
      expect(only().body).toEqual({ cancelReason: '콜라 취소', cancelAmount: 2000 });
    });

    it('reads 400 ALREADY_CANCELED_PAYMENT as done, and a refusal as failed (nothing refunded)', async () => {
      answer(400, { code: 'ALREADY_CANCELED_PAYMENT', message: '이미 취소된 결제 입니다.' });
      expect(await gateway.cancel(PAYMENT_KEY, 'again', `cancel:${ORDER_ID}`)).toEqual({ kind: 'ok' });
      answer(403, { code: 'NOT_CANCELABLE_AMOUNT', message: '취소 할 수 없는 금액 입니다.' });
      expect(await gateway.cancel(PAYMENT_KEY, 'too much', `cancel:${ORDER_ID}:2`, 999_999)).toMatchObject({ kind: 'failed' });
    });

    it('reads 500 FAILED_INTERNAL_SYSTEM_PROCESSING on a cancel as unknown (it may have refunded)', async () => {
      answer(500, { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: '내부 시스템 처리 작업이 실패했습니다.' });
      expect((await gateway.cancel(PAYMENT_KEY, 'x', `cancel:${ORDER_ID}`)).kind).toBe('unknown');
    });
  });

  describe('lookup by our order id (GET /v1/payments/orders/{orderId})', () => {
    it('sends a GET without a body or Idempotency-Key and reads the documented Payment object', async () => {
      answer(200, documentedPayment({ status: 'IN_PROGRESS', approvedAt: null }));
      const found = await gateway.lookupByOrderId(ORDER_ID);
      expect(found).toMatchObject({ kind: 'found', payment: { status: 'IN_PROGRESS', totalAmount: 17000, orderId: ORDER_ID } });
      const request = only();
      expect([request.method, request.path]).toEqual(['GET', `/v1/payments/orders/${ORDER_ID}`]);
      expect(request.headers.authorization).toBe(DOC_AUTHORIZATION);
      expect(request.headers['idempotency-key']).toBeUndefined();
      expect(request.body).toBeUndefined();
    });

    it('reads 404 NOT_FOUND_PAYMENT as "no payment for this order"', async () => {
      answer(404, { code: 'NOT_FOUND_PAYMENT', message: '존재하지 않는 결제 정보 입니다.' });
      expect(await gateway.lookupByOrderId(ORDER_ID)).toEqual({ kind: 'found', payment: null });
    });

    it('reads a 5xx as unknown, never as "no payment"', async () => {
      answer(500, { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: '내부 시스템 처리 작업이 실패했습니다.' });
      expect((await gateway.lookupByOrderId(ORDER_ID)).kind).toBe('unknown');
    });
  });

  it('is refused with UNAUTHORIZED_KEY under another secret key (the double really checks the header)', async () => {
    const wrong = new TossPaymentsClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'test_sk_other');
    expect(await wrong.getByOrderId(ORDER_ID)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED_KEY' } });
  });
});
