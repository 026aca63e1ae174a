import { shareOf, type BillSplitDto, type SharePay } from '@hiorder/domain/payment/bill-split';
import { DomainError } from '@hiorder/domain/shared/errors';
import { isUniqueViolation, sqlOf, sqlTransaction, type SqlSession } from '../../db/direct-sql';
import type { EntityManager } from '../../db/orm';
import type { SagaContext, TableActor } from '../../command-context';
import { readOrder, setPaymentState, type StoredOrder } from '../../ordering/order.repository';
import type { PaymentGateway } from '../payment-gateway';
import { confirmKey } from '../pay-order';
import { settlementOf } from '../settle-payment';
import { settleShare, type ShareSettlement } from './settle-share';
import {
  claimsHeld,
  holdClaims,
  insertShare,
  openSplitRow,
  paymentKeyUsed,
  presentSplit,
  readShare,
  readSplitRow,
  reserveShareAmount,
  type ShareRow,
} from './split.repository';

export interface PayShareCtx extends SagaContext<TableActor> {
  gateway: PaymentGateway;
}

/**
 * A guest pays a share of an order's bill from a phone joined to the visit (or from the tablet): the payment saga
 * of `payOrder`, per share. (1) one transaction checks the order is this visit's and unpaid, computes the share's
 * amount from the order (never the phone's), holds its parts/lines (unique per order) and reserves its amount
 * against the total with one conditional update — the guard of "sum of charges ≤ total" — and writes the share
 * `confirming`; (2) the provider's confirm, outside any transaction, for the share's own provider order id (the
 * share id) with the Idempotency-Key `confirm:<shareId>:<paymentKey>`; (3) settle: the share is paid, and when the
 * paid shares cover the total the order is `paid` (to the kitchen); or it was not charged and its reservation is
 * given back. A lost answer leaves the share `unknown` for reconciliation (`settleSplitBills`). The same `shareId`
 * again replays the share as it stands.
 *
 * Throws `NOT_FOUND`, `INVALID_STATE` (the order is no longer unpaid), `SPLIT_IN_PROGRESS` (a payment of the whole
 * order is in flight), `SHARE_ALREADY_PAID`, `SHARE_EXCEEDS_REMAINING`, `SHARE_AMOUNT_CHANGED` (the phone authorised
 * another amount), `PAYMENT_KEY_USED`, `VALIDATION_FAILED` — all before anything is charged — then
 * `PAYMENT_DECLINED`, `PAYMENT_AMOUNT_MISMATCH`, `PAYMENT_PENDING`, `PAYMENT_UNAVAILABLE` like `payOrder`.
 */
export async function payShare(ctx: PayShareCtx, orderId: string, input: SharePay): Promise<BillSplitDto> {
  const { actor, gateway } = ctx;
  const reserved = await sqlTransaction(ctx.em, (sql) => reserveShare(sql, actor, orderId, input, ctx.clock()));
  if (reserved.kind === 'replay') return reserved.split;
  const share = reserved.share;

  const outcome = await gateway.confirm(
    { paymentKey: share.paymentKey, orderId: share.id, amount: share.amount },
    confirmKey(share.id, share.paymentKey),
  );
  switch (outcome.kind) {
    case 'unavailable':
      // Nothing left the process: the share is given back at once.
      await settle(ctx, share, { outcome: 'failed', code: 'PAYMENT_UNAVAILABLE', providerStatus: null });
      throw new DomainError(
        'PAYMENT_UNAVAILABLE',
        `Payment is unavailable right now: try again in ${Math.ceil(outcome.retryAfterMs / 1000)} s.`,
        {
          retryAfterMs: outcome.retryAfterMs,
        },
      );
    case 'approved': {
      const settlement = settlementOf(outcome.payment, share.amount);
      if (settlement && typeof settlement !== 'string' && settlement.outcome === 'paid') return settle(ctx, share, settlement);
      return pending(ctx, share, 'the provider approved an unexpected amount');
    }
    case 'declined': {
      const split = await settle(ctx, share, { outcome: 'failed', code: outcome.code, providerStatus: 'ABORTED' });
      throw new DomainError('PAYMENT_DECLINED', `The payment was declined (${outcome.message}). Try again or another card.`, {
        providerCode: outcome.code,
        split,
      });
    }
    case 'already_processed': {
      const found = await gateway.lookupByOrderId(share.id);
      const settlement = found.kind === 'found' ? settlementOf(found.payment, share.amount) : null;
      if (settlement && typeof settlement !== 'string' && settlement.outcome === 'paid') return settle(ctx, share, settlement);
      return pending(ctx, share, 'already processed, lookup undecided');
    }
    case 'unknown': {
      // A 4xx we don't know (a key authorised for another order or amount): ask the provider what it holds first.
      if (outcome.httpStatus !== undefined && outcome.httpStatus < 500 && outcome.httpStatus !== 409) {
        const found = await gateway.lookupByOrderId(share.id);
        const held = found.kind === 'found' && found.payment?.paymentKey === share.paymentKey ? found.payment : null;
        const settlement = held
          ? settlementOf(held, share.amount)
          : { outcome: 'failed' as const, code: 'PAYMENT_KEY_REFUSED', providerStatus: null };
        if (settlement && typeof settlement !== 'string') {
          const split = await settle(ctx, share, settlement);
          if (settlement.outcome === 'paid') return split;
          if (settlement.code === 'PAYMENT_AMOUNT_MISMATCH')
            throw new DomainError('PAYMENT_AMOUNT_MISMATCH', 'The payment was authorised for another amount than this share: pay again.', {
              split,
            });
          throw new DomainError('PAYMENT_DECLINED', `The payment was not completed (${settlement.code}). Try again.`, {
            providerCode: settlement.code,
            split,
          });
        }
      }
      return pending(ctx, share, outcome.reason);
    }
  }
}

type Reserved = { kind: 'replay'; split: BillSplitDto } | { kind: 'reserved'; share: ShareRow };

/** Phase 1: every check and the reservation, in one transaction; nothing is charged when it throws. */
export async function reserveShare(sql: SqlSession, actor: TableActor, orderId: string, input: SharePay, now: Date): Promise<Reserved> {
  const stored = await readOrderOfVisit(sql, actor, orderId);
  const { order } = stored;
  const again = await readShare(sql, input.shareId);
  if (again) {
    if (again.orderId !== order.id || again.paymentKey !== input.paymentKey)
      throw new DomainError('VALIDATION_FAILED', 'This share id is already used for another payment: make a new one.');
    return { kind: 'replay', split: await presentSplit(sql, order, actor.deviceId) };
  }
  if (order.status !== 'pending_payment')
    throw new DomainError('INVALID_STATE', `This order is ${order.status.replace('_', ' ')}: nothing left to pay.`, {
      status: order.status,
    });
  if (order.paymentState === 'unknown')
    throw new DomainError('SPLIT_IN_PROGRESS', 'A payment of the whole order is being confirmed: wait for its answer.');
  if (await paymentKeyUsed(sql, input.paymentKey))
    throw new DomainError('PAYMENT_KEY_USED', 'This payment was already used: authorise the share again.');
  // The first share turns the order into a split bill (a whole-order payment is refused from then on). The order
  // row is touched by the first share only: later shares contend on the split row alone.
  if (order.paymentState !== 'split' && !(await setPaymentState(sql, order.id, ['none', 'declined', 'counter', 'split'], 'split', now))) {
    // Lost a race: the other phones' shares paid it meanwhile, or a whole-order payment began.
    const now2 = await readOrder(sql, { id: order.id });
    if (now2?.order.status !== 'pending_payment')
      throw new DomainError('INVALID_STATE', 'This order was paid meanwhile: nothing left to pay.');
    throw new DomainError('SPLIT_IN_PROGRESS', 'A payment of the whole order is being confirmed: wait for its answer.');
  }
  await openSplitRow(sql, { orderId: order.id, storeId: actor.storeId, total: order.total, now });
  const split = await readSplitRow(sql, order.id);
  if (!split || split.state !== 'open') throw new DomainError('INVALID_STATE', 'This bill is settled: nothing left to pay.');
  const share = shareOf({ total: split.total, lines: stored.lines }, input.spec, split.total - split.reserved);
  if (!share.ok) {
    const { violation } = share;
    throw new DomainError(
      violation.code,
      violation.message,
      violation.code === 'SHARE_EXCEEDS_REMAINING' ? { remaining: violation.remaining } : undefined,
    );
  }
  if (share.amount !== input.amount)
    throw new DomainError(
      'SHARE_AMOUNT_CHANGED',
      `This share is ${share.amount}, not the ${input.amount} authorised: the bill changed, pay again.`,
      {
        amount: share.amount,
      },
    );
  const alreadyPaid = () => new DomainError('SHARE_ALREADY_PAID', 'This part of the bill is already paid or being paid by another phone.');
  if (await claimsHeld(sql, order.id, share.claims)) throw alreadyPaid();
  if (!(await reserveShareAmount(sql, order.id, share.amount, now))) {
    const left = await readSplitRow(sql, order.id);
    throw new DomainError('SHARE_EXCEEDS_REMAINING', 'Another phone just paid part of this bill: this share is more than what is left.', {
      remaining: left ? Math.max(0, left.total - left.reserved) : 0,
    });
  }
  const row = {
    id: input.shareId,
    storeId: actor.storeId,
    orderId: order.id,
    deviceId: actor.deviceId,
    amount: share.amount,
    claims: share.claims,
    paymentKey: input.paymentKey,
  };
  try {
    await insertShare(sql, row, 'confirming', now);
  } catch (err) {
    // Two phones sending one paymentKey at once: the unique index lets one through.
    if (isUniqueViolation(err)) throw new DomainError('PAYMENT_KEY_USED', 'This payment was already used: authorise the share again.');
    throw err;
  }
  // Race-safe: a phone that took the same part meanwhile holds it, and this whole transaction rolls back.
  if (!(await holdClaims(sql, order.id, input.shareId, share.claims))) throw alreadyPaid();
  return { kind: 'reserved', share: { ...row, status: 'confirming' } };
}

/**
 * The order, if it belongs to the actor's table — and, for a phone, to the visit it joined (I7: a phone never
 * reaches another visit's order). Throws `NOT_FOUND`.
 */
export async function readOrderOfVisit(sql: SqlSession, actor: TableActor, orderId: string): Promise<StoredOrder> {
  const stored = await readOrder(sql, { id: orderId, storeId: actor.storeId, tableId: actor.tableId });
  if (!stored || (actor.visitId !== undefined && stored.order.visit.id !== actor.visitId))
    throw new DomainError('NOT_FOUND', 'No such order for this table.');
  return stored;
}

async function settle(ctx: PayShareCtx, share: ShareRow, settlement: ShareSettlement): Promise<BillSplitDto> {
  const now = ctx.clock();
  return sqlTransaction(ctx.em, async (sql) => {
    await settleShare(sql, share.id, settlement, now);
    return presentSplitOf(sql, share.orderId, ctx.actor.deviceId);
  });
}

/** The provider's answer is unknown: the share stays reserved, `unknown`, for reconciliation. Never declined, never paid. */
async function pending(ctx: PayShareCtx, share: ShareRow, reason: string): Promise<never> {
  const split = await sqlTransaction(ctx.em, async (sql) => {
    await sql.run(`update payment_share set status = 'unknown', failure_code = ?, updated_at = ? where id = ? and status = 'confirming'`, [
      reason.slice(0, 60),
      ctx.clock(),
      share.id,
    ]);
    return presentSplitOf(sql, share.orderId, ctx.actor.deviceId);
  });
  throw new DomainError('PAYMENT_PENDING', 'We are confirming this share with the provider; the bill updates by itself.', { split });
}

export async function presentSplitOf(sql: SqlSession, orderId: string, viewerDeviceId: string | null): Promise<BillSplitDto> {
  const stored = await readOrder(sql, { id: orderId });
  if (!stored) throw new DomainError('NOT_FOUND', 'No such order.');
  return presentSplit(sql, stored.order, viewerDeviceId);
}

/** `GET /api/orders/:orderId/split`: where the order's split stands, for the table's tablet and phones. */
export async function readBillSplit(ctx: { em: EntityManager; actor: TableActor }, orderId: string): Promise<BillSplitDto> {
  const sql = sqlOf(ctx.em);
  const stored = await readOrderOfVisit(sql, ctx.actor, orderId);
  return presentSplit(sql, stored.order, ctx.actor.deviceId);
}
